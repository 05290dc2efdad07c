package org.budgetledger.ledger.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * Gives partition p of every topic to the same ledger-service instance, in every group that uses it: the instances
 * present (each member names its instance in its subscription) are sorted by id and each takes a contiguous range of
 * partition numbers; within an instance, its consumers share its range in turn.
 *
 * <p>Used by the postings group (ledger.postings and the other channels) and by the relay's group (ledger.events), it
 * makes the instance that ingests a unit's postings the one that publishes its events: a posting's records are keyed
 * by its unit code on both topics ({@link StreamPartitions}), so with the same partition count both land on the same
 * number. The writer then publishes from memory what it just committed, with no hint to another instance and no read
 * back from the store (docs/PERFORMANCE.md). Alignment is efficiency only: while the groups disagree (one has noticed
 * a death, the other not yet), the relay's hints carry the difference, as before.
 *
 * <p>Cooperative: a partition that another member present still owns is withheld for one round; that member gives it
 * up, rejoins, and the next round hands it over. So two members never own a partition at once.
 */
public final class AlignedAssignor implements ConsumerPartitionAssignor, Configurable {

    /** The consumer setting that names this consumer's instance (LEDGER_INSTANCE_ID). */
    public static final String INSTANCE_CONFIG = "ledger.instance.id";

    private String instance = "";

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(INSTANCE_CONFIG);
        instance = configured == null ? "" : configured.toString();
    }

    @Override
    public String name() {
        return "ledger-aligned";
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(instance.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, Subscription> members = group.groupSubscription();
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        members.keySet().forEach(m -> assigned.put(m, new ArrayList<>()));
        Map<TopicPartition, String> owners = owners(members);
        Set<String> topics = new TreeSet<>();
        members.values().forEach(s -> topics.addAll(s.topics()));
        for (String topic : topics) {
            Integer count = metadata.partitionCountForTopic(topic);
            if (count == null) {
                continue; // not known yet: the next rebalance, once the metadata has it
            }
            List<List<String>> instances = instancesSubscribedTo(topic, members);
            for (int p = 0; p < count; p++) {
                String target = target(p, count, instances);
                TopicPartition partition = new TopicPartition(topic, p);
                String owner = owners.get(partition);
                if (owner == null || owner.equals(target)) {
                    assigned.get(target).add(partition);
                }
            }
        }
        Map<String, Assignment> answer = new HashMap<>();
        assigned.forEach((member, partitions) -> answer.put(member, new Assignment(partitions)));
        return new GroupAssignment(answer);
    }

    /** The member that partition p goes to: its instance's range, then that instance's consumers in turn. */
    static String target(int partition, int count, List<List<String>> instances) {
        int instance = (int) ((long) partition * instances.size() / count);
        List<String> consumers = instances.get(instance);
        int first = firstOfRange(instance, count, instances.size());
        return consumers.get((partition - first) % consumers.size());
    }

    private static int firstOfRange(int instance, int count, int instances) {
        return (int) (((long) instance * count + instances - 1) / instances);
    }

    /** The members subscribed to the topic, grouped by instance; instances sorted by id, members within by id. */
    private static List<List<String>> instancesSubscribedTo(String topic, Map<String, Subscription> members) {
        Map<String, List<String>> byInstance = new TreeMap<>();
        new TreeMap<>(members).forEach((member, subscription) -> {
            if (subscription.topics().contains(topic)) {
                byInstance
                        .computeIfAbsent(instanceOf(member, subscription), i -> new ArrayList<>())
                        .add(member);
            }
        });
        return List.copyOf(byInstance.values());
    }

    private static String instanceOf(String member, Subscription subscription) {
        ByteBuffer data = subscription.userData();
        if (data == null || !data.hasRemaining()) {
            return member; // a consumer that names no instance is one on its own
        }
        String named = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
        return named.isEmpty() ? member : named;
    }

    /** Who owns each partition now, as the members say (the first to claim it, should two). */
    private static Map<TopicPartition, String> owners(Map<String, Subscription> members) {
        Map<TopicPartition, String> owners = new HashMap<>();
        new TreeMap<>(members)
                .forEach((member, subscription) ->
                        subscription.ownedPartitions().forEach(p -> owners.putIfAbsent(p, member)));
        return owners;
    }
}
