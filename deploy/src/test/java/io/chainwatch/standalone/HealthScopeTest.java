package io.chainwatch.standalone;

import static io.chainwatch.standalone.HealthScope.INGEST_LAG;
import static io.chainwatch.standalone.HealthScope.KAFKA;
import static io.chainwatch.standalone.HealthScope.MATCHER_LAG;
import static io.chainwatch.standalone.HealthScope.NOTIFIER_LAG;
import static io.chainwatch.standalone.HealthScope.POSTGRES;
import static io.chainwatch.standalone.HealthScope.REDIS;
import static io.chainwatch.standalone.HealthScope.RPC;
import static io.chainwatch.standalone.HealthScope.SERVICE;
import static io.chainwatch.standalone.HealthScope.TELEGRAM;
import static io.chainwatch.standalone.HealthScope.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HealthScopeTest {

    @Test
    void shouldCheckOnlyWhatEachServiceDependsOn() {
        assertThat(HealthScope.forService("block-ingestor")).containsExactlyInAnyOrder(SERVICE, RPC, KAFKA, TOPICS,
                INGEST_LAG);
        assertThat(HealthScope.forService("tx-matcher")).containsExactlyInAnyOrder(SERVICE, KAFKA, TOPICS,
                MATCHER_LAG);
        assertThat(HealthScope.forService("notifier")).containsExactlyInAnyOrder(SERVICE, KAFKA, TOPICS, NOTIFIER_LAG,
                REDIS, TELEGRAM);
        assertThat(HealthScope.forService("bot-frontend")).containsExactlyInAnyOrder(SERVICE, KAFKA, TOPICS,
                POSTGRES, TELEGRAM);
    }

    @Test
    void shouldNotFailTheMatcherNotifierOrBotOnADeadRpcNode() {
        for (String service : new String[]{"tx-matcher", "notifier", "bot-frontend", "matcher", "bot"}) {
            assertThat(HealthScope.forService(service)).doesNotContain(RPC, INGEST_LAG);
        }
    }

    @Test
    void shouldAcceptShortNamesAndCheckNames() {
        assertThat(HealthScope.forService("ingestor")).isEqualTo(HealthScope.forService("block-ingestor"));
        assertThat(HealthScope.only("rpc, kafka,matcher-lag")).containsExactlyInAnyOrder(RPC, KAFKA, MATCHER_LAG);
        assertThat(HealthScope.all()).doesNotContain(SERVICE).contains(RPC, POSTGRES, REDIS, TELEGRAM);
    }

    @Test
    void shouldRefuseUnknownNamesWithTheValidOnes() {
        assertThatThrownBy(() -> HealthScope.forService("prometheus")).hasMessageContaining("tx-matcher");
        assertThatThrownBy(() -> HealthScope.only("rpc,disk")).hasMessageContaining("unknown check 'disk'")
                .hasMessageContaining("matcher-lag");
    }
}
