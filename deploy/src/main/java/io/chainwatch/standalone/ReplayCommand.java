package io.chainwatch.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.matcher.MatcherSettings;
import io.chainwatch.notifier.NotifierSettings;
import io.chainwatch.schema.Topics;
import io.chainwatch.standalone.ReplayPlan.From;
import io.chainwatch.standalone.ReplayPlan.PartitionState;

/**
 * {@code ./chainwatch replay --from <time|-2h|offset:N|earliest> [--stage match|notify] [--to-latest-if-missing]
 * [--dry-run]}: rewinds a stage's consumer group, so the stage processes its input again from there. The matcher's
 * dedup store and the notifier's ledger drop what was already announced or delivered, so a replay re-sends only what
 * never went out. The group must have no running members (Kafka refuses to move the offsets of a live group anyway).
 */
public final class ReplayCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int REFUSED = 2;
    /** Kafka's default session timeout (45 s) and a margin. */
    static final Duration STALE_MEMBER_WAIT = Duration.ofSeconds(60);

    /** A stage of the pipeline whose input can be replayed. */
    enum Stage {
        MATCH("tx-matcher", Topics.BLOCKS.name()), NOTIFY("notifier", Topics.ALERTS.name());

        final String services;
        final String topic;

        Stage(String services, String topic) {
            this.services = services;
            this.topic = topic;
        }

        String group(RuntimeEnv env) {
            return this == MATCH
                    ? env.get(MatcherSettings.APPLICATION_ID, MatcherSettings.DEFAULT_APPLICATION_ID)
                    : env.get(NotifierSettings.CONSUMER_GROUP, NotifierSettings.DEFAULT_CONSUMER_GROUP);
        }
    }

    /** The parsed command line. */
    record Request(Stage stage, From from, boolean toLatestIfMissing, boolean dryRun) {
    }

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        RuntimeEnv env = RuntimeEnv.system();
        Request request;
        try {
            request = parse(args, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("chainwatch replay: " + e.getMessage());
            System.err.println("usage: ./chainwatch replay --from <2026-11-29T10:00:00Z|-2h|offset:N|earliest> "
                    + "[--stage match|notify] [--to-latest-if-missing] [--dry-run]");
            System.exit(REFUSED);
            return;
        }
        StandaloneSettings standalone = StandaloneSettings.from(env);
        EmbeddedKafkaBroker broker = null;
        Duration staleMembers = Duration.ZERO;
        String bootstrap = env.get(KafkaSettings.BOOTSTRAP).orElse("127.0.0.1:" + standalone.kafkaPort());
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty() && !listening(standalone.kafkaPort())) {
            if (!Files.isDirectory(standalone.dataDir().resolve("kafka"))) {
                System.err.printf("chainwatch replay: no Kafka on %s and no standalone data in %s; set %s%n",
                        bootstrap, standalone.dataDir(), KafkaSettings.BOOTSTRAP);
                System.exit(FAILED);
            }
            // The standalone is stopped, and its broker with it: open its log for the time of the rewind. Its
            // consumers were static members, which stay in the group until their session times out.
            System.err.println("chainwatch replay: the standalone is stopped; opening its Kafka log in "
                    + standalone.dataDir().resolve("kafka"));
            broker = EmbeddedKafkaBroker.start(standalone.dataDir().resolve("kafka"), standalone.kafkaPort());
            bootstrap = broker.bootstrapServers();
            staleMembers = STALE_MEMBER_WAIT;
        }
        int code;
        try (Admin admin = Admin.create(new KafkaSettings(bootstrap).common("chainwatch-replay"))) {
            code = run(admin, request.stage().group(env), request, staleMembers, System.out, System.err);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        System.exit(code);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Request parse(String[] args, Clock clock) {
        Stage stage = Stage.NOTIFY;
        From from = null;
        boolean toLatest = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--to-latest-if-missing" -> toLatest = true;
                case "--from" -> from = ReplayPlan.parseFrom(value(args, i++), clock);
                case "--stage" -> stage = switch (value(args, i++).toLowerCase(Locale.ROOT)) {
                    case "match" -> Stage.MATCH;
                    case "notify" -> Stage.NOTIFY;
                    default -> throw new IllegalArgumentException("--stage must be match or notify, got '" + args[i]
                            + "'");
                };
                default -> throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
        if (from == null) {
            throw new IllegalArgumentException("--from is required");
        }
        return new Request(stage, from, toLatest, dryRun);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    /** Checks the group is stopped, prints the plan and applies it unless it is a dry run; returns the exit code. */
    static int run(Admin admin, String group, Request request, Duration waitForStaleMembers, PrintStream out,
            PrintStream err) {
        Stage stage = request.stage();
        try {
            List<MemberDescription> members = runningMembers(admin, group);
            Instant deadline = Instant.now().plus(waitForStaleMembers);
            if (!members.isEmpty() && !waitForStaleMembers.isZero()) {
                err.printf("chainwatch replay: waiting up to %d s for the stopped members of %s to expire%n",
                        waitForStaleMembers.toSeconds(), group);
            }
            while (!members.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                members = runningMembers(admin, group);
            }
            if (!members.isEmpty()) {
                err.printf("chainwatch replay: group %s has %d running member(s): %s; stop the %s services first "
                        + "(./chainwatch up, or the %s containers)%n",
                        group, members.size(), members.stream().map(m -> m.clientId() + " " + m.host() + m
                                .groupInstanceId().map(id -> " (" + id + ")").orElse("")).collect(Collectors
                                        .joining(", ")),
                        stage.services, stage.services);
                err.println("chainwatch replay: (a member stopped less than a session timeout, 45 s, ago is still "
                        + "listed until it expires; then try again)");
                return REFUSED;
            }
            ReplayPlan plan = ReplayPlan.compute(request.from(), partitions(admin, group, stage.topic, request
                    .from()), request.toLatestIfMissing());
            out.printf("replay %s: group %s on %s from %s%n", stage.name().toLowerCase(Locale.ROOT), group,
                    stage.topic, describe(request.from()));
            out.print(plan.table());
            Map<TopicPartition, OffsetAndMetadata> changes = new HashMap<>();
            plan.rows().stream().filter(ReplayPlan.Row::changes).forEach(r -> changes.put(r.partition(),
                    new OffsetAndMetadata(r.newOffset())));
            if (request.dryRun()) {
                out.printf("dry run: %d partition(s) would change; nothing applied%n", changes.size());
                return OK;
            }
            if (!changes.isEmpty()) {
                admin.alterConsumerGroupOffsets(group, changes).all().get();
            }
            out.printf("applied: %d partition(s) rewound; start the %s services again%n", changes.size(),
                    stage.services);
            return OK;
        } catch (ExecutionException e) {
            err.println("chainwatch replay: " + e.getCause().getMessage() + " (nothing changed unless stated above)");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    static List<MemberDescription> runningMembers(Admin admin, String group) throws ExecutionException,
            InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
        GroupState state = description.groupState();
        return state == GroupState.EMPTY || state == GroupState.DEAD
                ? List.of()
                : List.copyOf(description
                        .members());
    }

    private static List<PartitionState> partitions(Admin admin, String group, String topic, From from)
            throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResultInfo> start = list(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> end = list(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> at = from instanceof From.At a
                ? list(admin, partitions, OffsetSpec.forTimestamp(a.instant().toEpochMilli()))
                : Map.of();
        List<PartitionState> states = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            ListOffsetsResultInfo found = at.get(tp);
            states.add(new PartitionState(tp, c == null ? OptionalLong.empty() : OptionalLong.of(c.offset()), start
                    .get(tp).offset(), end.get(tp).offset(),
                    found == null || found.offset() < 0
                            ? OptionalLong.empty()
                            : OptionalLong.of(found.offset())));
        }
        return states;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> list(Admin admin, List<TopicPartition> partitions,
            OffsetSpec spec) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        // read_committed: the services read committed records only, so "latest" is the last stable offset
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    }

    private static String describe(From from) {
        return switch (from) {
            case From.At at -> at.instant().toString();
            case From.Offset o -> "offset " + o.offset();
            case From.Earliest e -> "earliest";
        };
    }
}
