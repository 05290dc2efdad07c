package org.budgetledger.ledger.config;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The store's health by {ping: 1}, which MongoDB and the embedded MongoDB-compatible server both answer (Boot's own
 * indicator sends "hello", which the embedded store does not know). Named so that it replaces Boot's.
 */
@Component("mongoHealthIndicator")
public class StoreHealth extends AbstractHealthIndicator {

    private final MongoDatabaseFactory databases;

    public StoreHealth(MongoDatabaseFactory databases) {
        super("store health check failed");
        this.databases = databases;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = databases.getMongoDatabase().runCommand(new Document("ping", 1));
        builder.up().withDetail("database", databases.getMongoDatabase().getName()).withDetail("ping", answer.get("ok"));
    }
}
