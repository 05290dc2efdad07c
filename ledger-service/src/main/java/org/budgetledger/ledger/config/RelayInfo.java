package org.budgetledger.ledger.config;

import java.util.Map;
import org.budgetledger.ledger.relay.EventRelay;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/info} tells which partitions of ledger.events this instance publishes: a router (or the
 * benchmark's load driver) that sends a unit's REST postings to the instance publishing the unit's partition spares
 * the relay a hint and a read back from the store. Correctness never depends on it.
 */
@Component
class RelayInfo implements InfoContributor {

    private final EventRelay relay;
    private final InstanceIdentity instance;

    RelayInfo(EventRelay relay, InstanceIdentity instance) {
        this.relay = relay;
        this.instance = instance;
    }

    @Override
    public void contribute(Info.Builder builder) {
        EventRelay.Share share = relay.share();
        builder.withDetail(
                "relay",
                Map.of("instance", instance.id(), "partitions", share.partitions(), "partitionCount", share.of()));
    }
}
