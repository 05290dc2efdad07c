package org.budgetledger.kit.health;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The store's health by {ping: 1}, which MongoDB and the embedded MongoDB-compatible server both answer (Boot's own
 * indicator sends "hello", which the embedded store does not know). Registered as "mongoHealthIndicator", it
 * replaces Boot's.
 */
public class StoreHealth extends AbstractHealthIndicator {

    private final MongoDatabaseFactory databases;

    public StoreHealth(MongoDatabaseFactory databases) {
        super("store health check failed");
        this.databases = databases;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = databases.getMongoDatabase().runCommand(new Document("ping", 1));
        builder.up()
                .withDetail("database", databases.getMongoDatabase().getName())
                .withDetail("ping", answer.get("ok"));
    }
}
