package org.budgetledger.projection.storage;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * Writes that insert what is probably new: an insert costs the embedded store far less than an update, and never
 * overwrites. Each insert that finds its document written already (another writer, a redelivery) is done again as
 * the idempotent update {@code instead} gives for it.
 */
public final class InsertsFirst {

    private InsertsFirst() {}

    public static void write(
            MongoCollection<Document> collection,
            List<WriteModel<Document>> writes,
            Function<Document, WriteModel<Document>> instead) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<WriteModel<Document>> again = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY
                        || !(writes.get(error.getIndex()) instanceof InsertOneModel<Document> insert)) {
                    throw e;
                }
                again.add(instead.apply(insert.getDocument()));
            }
            collection.bulkWrite(again);
        }
    }
}
