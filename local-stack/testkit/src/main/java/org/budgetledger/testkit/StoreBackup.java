package org.budgetledger.testkit;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * What {@code bin/ledger-local backup FILE} and {@code restore FILE} do with the ledger's database: every collection,
 * its indexes and every document, through the MongoDB driver (so the same file comes from, and goes to, the embedded
 * store or a MongoDB). The file is gzipped JSON Lines in MongoDB's canonical Extended JSON, which keeps every BSON type
 * (dates, 64-bit numbers, binary): a header line, then {@code {"index": …}} and {@code {"document": …}} lines, each
 * naming its collection.
 *
 * <p>A restore goes into an empty database only (it never merges two histories), and marks every stream as not yet
 * published, so that the relay publishes the whole history again to whatever Kafka the restored system has; the
 * projection applies each event once, whether its Kafka held it already or not.
 *
 * <p>{@code StoreBackup backup|restore <mongodb-uri-with-database> <file>}; exit 0 with a summary, 1 with the reason.
 */
public final class StoreBackup {

    static final String FORMAT = "budget-ledger-backup/1";
    /** The ledger's registry of streams and how far each is published (ledger-service relay/StreamRegistry). */
    static final String STREAMS = "streams";

    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final int BATCH = 1_000;

    private StoreBackup() {}

    public static void main(String[] args) {
        if (args.length != 3 || !List.of("backup", "restore").contains(args[0])) {
            System.err.println("usage: StoreBackup backup|restore <mongodb-uri-with-database> <file>");
            System.exit(2);
        }
        ConnectionString uri = new ConnectionString(args[1]);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase db = client.getDatabase(uri.getDatabase());
            Path file = Path.of(args[2]);
            System.out.println(args[0].equals("backup") ? backup(db, file) : restore(db, file));
        } catch (IOException | RuntimeException e) {
            System.err.println("ledger-local " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Restores a backup into the (empty) database this URI names; what it restored, in a line. */
    public static String restore(String mongoUri, Path file) throws IOException {
        ConnectionString uri = new ConnectionString(mongoUri);
        try (MongoClient client = MongoClients.create(uri)) {
            return restore(client.getDatabase(uri.getDatabase()), file);
        }
    }

    /** Writes the database to {@code file} (through a temporary file beside it: a failed backup leaves no file). */
    static String backup(MongoDatabase db, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        TreeSet<String> collections = db.listCollectionNames().into(new TreeSet<>());
        long documents;
        try (BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
            documents = write(db, collections, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial); // a failed backup leaves no file
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return "backed up " + documents + " documents of " + collections.size() + " collections of " + db.getName()
                + " to " + file;
    }

    private static long write(MongoDatabase db, TreeSet<String> collections, BufferedWriter out) throws IOException {
        line(
                out,
                new Document("format", FORMAT)
                        .append("database", db.getName())
                        .append("createdAt", Instant.now().toString())
                        .append("collections", new ArrayList<>(collections)));
        long documents = 0;
        for (String name : collections) {
            MongoCollection<Document> c = db.getCollection(name);
            for (Document index : c.listIndexes()) {
                if (!"_id_".equals(index.getString("name"))) {
                    line(out, new Document("collection", name).append("index", index));
                }
            }
            for (Document d : c.find().sort(new Document("_id", 1))) {
                line(out, new Document("collection", name).append("document", d));
                documents++;
            }
        }
        return documents;
    }

    static String restore(MongoDatabase db, Path file) throws IOException {
        for (String name : db.listCollectionNames()) {
            if (db.getCollection(name).estimatedDocumentCount() > 0) {
                throw new IllegalStateException("the database " + db.getName() + " is not empty (" + name
                        + "): a restore goes into an empty store only; start from an empty LEDGER_HOME");
            }
        }
        long documents = 0;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            Document header = Document.parse(in.readLine());
            if (!FORMAT.equals(header.getString("format"))) {
                throw new IllegalStateException(file + " is not a backup of this kind (" + header.get("format") + ")");
            }
            String collection = null;
            List<Document> batch = new ArrayList<>(BATCH);
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                Document line = Document.parse(text);
                String name = line.getString("collection");
                if (!name.equals(collection) || batch.size() == BATCH) {
                    flush(db, collection, batch);
                    collection = name;
                }
                if (line.containsKey("index")) {
                    index(db.getCollection(name), line.get("index", Document.class));
                } else {
                    batch.add(line.get("document", Document.class));
                    documents++;
                }
            }
            flush(db, collection, batch);
        }
        // a fresh Kafka holds none of it: the relay publishes every stream again from its start
        db.getCollection(STREAMS).updateMany(new Document(), new Document("$set", new Document("published", -1L)));
        return "restored " + documents + " documents into " + db.getName() + " from " + file
                + "; every stream is published again when the ledger service starts";
    }

    private static void flush(MongoDatabase db, String collection, List<Document> batch) {
        if (collection != null && !batch.isEmpty()) {
            db.getCollection(collection).insertMany(batch);
        }
        batch.clear();
    }

    private static void index(MongoCollection<Document> c, Document spec) {
        IndexOptions options = new IndexOptions().name(spec.getString("name"));
        if (Boolean.TRUE.equals(spec.getBoolean("unique"))) {
            options.unique(true);
        }
        c.createIndex(spec.get("key", Document.class), options);
    }

    private static void line(BufferedWriter out, Document d) throws IOException {
        out.write(d.toJson(CANONICAL));
        out.write('\n');
    }
}
