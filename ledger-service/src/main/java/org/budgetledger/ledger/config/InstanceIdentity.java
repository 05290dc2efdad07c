package org.budgetledger.ledger.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who this ledger-service instance is, stable across restarts: LEDGER_INSTANCE_ID, else host:port. A restarted
 * instance takes back its own partitions of ledger.postings (static group membership) at once instead of waiting for
 * the dead instance's session to expire; the relay's group is dynamic, so a dead instance's share of ledger.events
 * moves as soon as its session expires.
 */
@Component
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(@Value("${ledger.instance-id:}") String configured, @Value("${server.port:8081}") int port)
            throws UnknownHostException {
        this.id = configured == null || configured.isBlank()
                ? InetAddress.getLocalHost().getHostName() + "-" + port
                : configured;
    }

    public String id() {
        return id;
    }
}
