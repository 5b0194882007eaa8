package io.chainwatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.chainwatch.schema.AlertIds;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The delivery ledger in Redis, shared by every notifier instance: {@code SET notified:{alert id} <millis> EX ttl}.
 * Thread-safe (a connection from the pool per call).
 */
final class RedisDeliveryLedger implements DeliveryLedger {

    private final JedisPool pool;
    private final String keyPrefix;
    private final Duration ttl;
    private final Clock clock;

    RedisDeliveryLedger(JedisPool pool, String keyPrefix, Duration ttl, Clock clock) {
        this.pool = pool;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Set<String> delivered(Collection<String> alertIds) {
        List<String> ids = List.copyOf(alertIds);
        try (Jedis jedis = pool.getResource()) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<Boolean>> exists = ids.stream().map(id -> pipeline.exists(key(id))).toList();
            pipeline.sync();
            Set<String> result = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (Boolean.TRUE.equals(exists.get(i).get())) {
                    result.add(ids.get(i));
                }
            }
            return result;
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis delivery ledger unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void markDelivered(Collection<String> alertIds) {
        String value = Long.toString(clock.millis());
        try (Jedis jedis = pool.getResource()) {
            Pipeline pipeline = jedis.pipelined();
            alertIds.forEach(id -> pipeline.set(key(id), value, SetParams.setParams().ex(ttl.toSeconds())));
            pipeline.sync();
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis delivery ledger unreachable: " + e.getMessage(), e);
        }
    }

    private String key(String alertId) {
        return keyPrefix + AlertIds.notifiedKey(alertId);
    }

    @Override
    public void close() {
        // the pool belongs to the service
    }
}
