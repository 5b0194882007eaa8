package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.standalone.HealthChecks.Row;
import io.chainwatch.standalone.HealthChecks.Status;
import io.chainwatch.testsupport.TestBroker;

/** {@code ./chainwatch health} against real parts: all green, then each failure named. */
class HealthChecksIT {

    private static Row row(List<Row> rows, String check) {
        return rows.stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void shouldReportEveryPartAndFailOnAWrongChainOrARefusedToken() {
        try (TestBroker kafka = TestBroker.start();
                AnvilNode anvil = AnvilNode.start();
                BotApiDouble telegram = BotApiDouble.start(EndToEndIT.TOKEN)) {
            TopicProvisioner.ensureAll(new KafkaSettings(kafka.bootstrapServers()));
            Map<String, String> env = new HashMap<>();
            env.put("CHAINWATCH_CHAINS", "devnet");
            env.put("CHAINWATCH_RPC_DEVNET", anvil.rpcUrl() + ",http://127.0.0.1:1");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("CHAINWATCH_DB_URL", EndToEndIT.PG + "test");
            env.put("CHAINWATCH_DB_USER", "postgres");
            env.put("REDIS_URL", "redis://127.0.0.1:6379");
            env.put("TELEGRAM_BOT_TOKEN", EndToEndIT.TOKEN);
            env.put("TELEGRAM_API_URL", telegram.baseUrl());

            List<Row> rows = new HealthChecks(RuntimeEnv.of(env)).run();
            assertThat(rows).noneMatch(r -> r.status() == Status.FAIL);
            assertThat(row(rows, "rpc devnet").status()).isEqualTo(Status.WARN); // one of two nodes down
            assertThat(row(rows, "rpc devnet").detail()).contains("1 of 2 node(s) working", "0 fallback(s)");
            // issue #20: per endpoint, what it is and can do, and why it fails — in words, never "null"
            assertThat(row(rows, "rpc devnet " + anvil.rpcUrl()).detail()).contains("chain id 31337", "head ",
                    "receipts: yes", "traces: not asked", "batches of up to 100", "last error: none");
            assertThat(row(rows, "rpc devnet http://127.0.0.1:1").detail()).contains("chain id not known yet",
                    "last error: head: not reachable (").doesNotContain("null");
            assertThat(row(rows, "kafka").status()).isEqualTo(Status.OK);
            assertThat(row(rows, "topics").status()).isEqualTo(Status.OK);
            assertThat(row(rows, "postgres").status()).isEqualTo(Status.OK);
            assertThat(row(rows, "redis").status()).isEqualTo(Status.OK);
            assertThat(row(rows, "telegram").detail()).contains("@chainwatch_test_bot");
            assertThat(HealthChecks.table(rows)).doesNotContain(EndToEndIT.TOKEN.substring(7));

            env.put("CHAINWATCH_CHAINS", "ethereum");
            env.put("CHAINWATCH_RPC_ETHEREUM", anvil.rpcUrl()); // anvil serves 31337, not 1
            env.put("TELEGRAM_BOT_TOKEN", "999999:AAEsomeOtherTokenThatTelegramRefuses0");
            List<Row> failing = new HealthChecks(RuntimeEnv.of(env)).run();
            assertThat(row(failing, "rpc ethereum").status()).isEqualTo(Status.FAIL);
            assertThat(row(failing, "rpc ethereum").detail()).contains("serves chain id 31337");
            assertThat(row(failing, "telegram").status()).isEqualTo(Status.FAIL);
            assertThat(row(failing, "telegram").detail()).contains("refused");
        }
    }
}
