package io.chainwatch.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.NotifierHarness;
import io.chainwatch.schema.AlertIds;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** The Redis ledger on the local Redis: both keys of a delivery, with the same TTL, under a test's own prefix. */
class RedisDeliveryLedgerIT {

    private static final Duration TTL = Duration.ofDays(7);

    private final String prefix = "it-" + UUID.randomUUID() + ":";
    private final JedisPool pool = new JedisPool(URI.create(NotifierHarness.REDIS_URL));
    private final RedisDeliveryLedger ledger = new RedisDeliveryLedger(pool, prefix, TTL, Clock.systemUTC());

    @AfterEach
    void cleanUp() {
        try (Jedis jedis = pool.getResource()) {
            jedis.keys(prefix + "*").forEach(jedis::del);
        }
        pool.close();
    }

    @Test
    void shouldRememberTheMessageOfEachAlertUnderItsOwnKeyWithTheSameTtl() {
        ledger.markDelivered(List.of("devnet:0xa:5:NATIVE_IN"), new MessageRef(5, 12, 1));
        ledger.markDelivered(List.of("devnet:0xb:5:NATIVE_IN", "devnet:0xc:5:NATIVE_IN"), new MessageRef(5, 13, 2));

        assertThat(ledger.delivered(List.of("devnet:0xa:5:NATIVE_IN", "devnet:0xd:5:NATIVE_IN"))).containsExactly(
                "devnet:0xa:5:NATIVE_IN");
        assertThat(ledger.messages(List.of("devnet:0xa:5:NATIVE_IN", "devnet:0xc:5:NATIVE_IN",
                "devnet:0xd:5:NATIVE_IN"))).containsOnly(Map.entry("devnet:0xa:5:NATIVE_IN", new MessageRef(5, 12,
                        1)), Map.entry("devnet:0xc:5:NATIVE_IN", new MessageRef(5, 13, 2)));
        try (Jedis jedis = pool.getResource()) {
            assertThat(jedis.get(prefix + "message:devnet:0xa:5:NATIVE_IN")).isEqualTo("5 12 1");
            assertThat(jedis.ttl(prefix + DeliveryLedger.messageKey("devnet:0xa:5:NATIVE_IN"))).isBetween(TTL
                    .toSeconds() - 5, TTL.toSeconds());
            assertThat(jedis.ttl(prefix + AlertIds.notifiedKey("devnet:0xa:5:NATIVE_IN"))).isBetween(TTL.toSeconds()
                    - 5, TTL.toSeconds());
        }
    }
}
