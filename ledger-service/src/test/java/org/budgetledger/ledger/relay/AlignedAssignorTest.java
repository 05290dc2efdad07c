package org.budgetledger.ledger.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The postings group and the relay's group give each partition number to the same instance. */
class AlignedAssignorTest {

    private static final String POSTINGS = "ledger.postings";
    private static final String EVENTS = "ledger.events";
    private static final int PARTITIONS = 6;

    private final AlignedAssignor assignor = new AlignedAssignor();
    private final Cluster cluster = cluster(Map.of(POSTINGS, PARTITIONS, EVENTS, PARTITIONS));

    @Test
    void theInstanceThatIngestsAPartitionPublishesIt() {
        for (List<String> instances :
                List.of(List.of("a"), List.of("a", "b"), List.of("b", "c", "a"), List.of("a", "b", "c", "d"))) {
            Map<String, Subscription> postings = new LinkedHashMap<>();
            Map<String, Subscription> relay = new LinkedHashMap<>();
            for (String instance : instances) {
                for (int consumer = 0; consumer < 3; consumer++) { // LEDGER_KAFKA_CONSUMERS
                    postings.put(
                            instance + "-" + consumer + "-" + (7 - consumer),
                            subscription(POSTINGS, instance, List.of()));
                }
                relay.put("relay-" + instance + "-uuid", subscription(EVENTS, instance, List.of()));
            }
            Map<Integer, String> ingests = instanceByPartition(assign(postings), postings);
            Map<Integer, String> publishes = instanceByPartition(assign(relay), relay);
            assertThat(ingests)
                    .as("every partition of ledger.postings assigned, %s", instances)
                    .hasSize(PARTITIONS);
            assertThat(publishes).as("with %s", instances).isEqualTo(ingests);
            instances.forEach(instance -> assertThat(
                            publishes.values().stream().filter(instance::equals).count())
                    .as("%s's share among %s", instance, instances)
                    .isBetween(
                            (long) PARTITIONS / instances.size(),
                            (long) (PARTITIONS + instances.size() - 1) / instances.size()));
        }
    }

    @Test
    void aPartitionStillOwnedByAnotherMemberIsWithheldForOneRound() {
        // b owned partitions 3..5; c joins: the range moves 4 and 5 (a's 2 too): nobody gets them until b let them go
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("m-a", subscription(EVENTS, "a", List.of(0, 1, 2)));
        members.put("m-b", subscription(EVENTS, "b", List.of(3, 4, 5)));
        members.put("m-c", subscription(EVENTS, "c", List.of()));
        Map<String, List<TopicPartition>> first = assign(members);
        assertThat(numbers(first.get("m-a"))).containsExactly(0, 1);
        assertThat(numbers(first.get("m-b"))).containsExactly(3);
        assertThat(numbers(first.get("m-c"))).isEmpty();

        members.put("m-a", subscription(EVENTS, "a", List.of(0, 1)));
        members.put("m-b", subscription(EVENTS, "b", List.of(3)));
        Map<String, List<TopicPartition>> second = assign(members);
        assertThat(numbers(second.get("m-a"))).containsExactly(0, 1);
        assertThat(numbers(second.get("m-b"))).containsExactly(2, 3);
        assertThat(numbers(second.get("m-c"))).containsExactly(4, 5);
    }

    @Test
    void aDeadMembersPartitionsGoAtOnce() {
        Map<String, Subscription> members = new LinkedHashMap<>();
        members.put("m-a", subscription(EVENTS, "a", List.of(0, 1)));
        members.put("m-b", subscription(EVENTS, "b", List.of(2, 3))); // c, which held 4 and 5, is gone
        Map<String, List<TopicPartition>> assigned = assign(members);
        assertThat(numbers(assigned.get("m-a"))).containsExactly(0, 1);
        assertThat(numbers(assigned.get("m-b"))).containsExactly(3, 4, 5); // 2 waits for a round: a's, by the range
    }

    @Test
    void aLedgersEventsGoWhereKafkaPutsItsPostings() {
        StreamPartitions partitions = new StreamPartitions(PARTITIONS);
        for (String unit : List.of("HT-CAC", "HT-EDU", "U0001", "a.b_c-9")) {
            int postings = BuiltInPartitioner.partitionForKey(unit.getBytes(StandardCharsets.UTF_8), PARTITIONS);
            assertThat(partitions.of(unit + ":2019")).as(unit).isEqualTo(postings);
            assertThat(partitions.of(unit + ":2024")).as(unit).isEqualTo(postings);
        }
        String catalogue = "catalogue:functional:2024";
        assertThat(partitions.of(catalogue))
                .isEqualTo(BuiltInPartitioner.partitionForKey(catalogue.getBytes(StandardCharsets.UTF_8), PARTITIONS));
    }

    private Map<String, List<TopicPartition>> assign(Map<String, Subscription> members) {
        Map<String, List<TopicPartition>> answer = new HashMap<>();
        assignor.assign(cluster, new GroupSubscription(members))
                .groupAssignment()
                .forEach((member, assignment) -> answer.put(member, assignment.partitions()));
        return answer;
    }

    private static Map<Integer, String> instanceByPartition(
            Map<String, List<TopicPartition>> assigned, Map<String, Subscription> members) {
        Map<Integer, String> byPartition = new HashMap<>();
        assigned.forEach((member, partitions) -> partitions.forEach(p -> {
            String instance = StandardCharsets.UTF_8
                    .decode(members.get(member).userData().duplicate())
                    .toString();
            assertThat(byPartition.put(p.partition(), instance))
                    .as("partition %s assigned twice", p)
                    .isNull();
        }));
        return byPartition;
    }

    private static List<Integer> numbers(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    private static Subscription subscription(String topic, String instance, List<Integer> owned) {
        List<TopicPartition> ownedPartitions = new ArrayList<>();
        owned.forEach(p -> ownedPartitions.add(new TopicPartition(topic, p)));
        return new Subscription(
                List.of(topic), ByteBuffer.wrap(instance.getBytes(StandardCharsets.UTF_8)), ownedPartitions);
    }

    private static Cluster cluster(Map<String, Integer> topics) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        topics.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
            }
        });
        return new Cluster("test", List.of(node), infos, Set.of(), Set.of());
    }
}
