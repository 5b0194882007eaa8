package io.chainwatch.notifier.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import io.chainwatch.schema.AlertIds;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The delivery ledger in Redis, shared by every notifier instance: {@code SET notified:{alert id} <millis> EX ttl}
 * and {@code SET message:{alert id} "<chat id> <message id> <alerts>" EX ttl} (and for a progress edit
 * {@code SET progress:{original id} <depth> EX ttl}), all in one {@code MULTI}/{@code EXEC} round trip. Thread-safe (a
 * connection from the pool per call).
 */
public final class RedisDeliveryLedger implements DeliveryLedger {

    private final JedisPool pool;
    private final String keyPrefix;
    private final Duration ttl;
    private final Clock clock;

    public RedisDeliveryLedger(JedisPool pool, String keyPrefix, Duration ttl, Clock clock) {
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
    public Map<String, MessageRef> messages(Collection<String> alertIds) {
        List<String> ids = List.copyOf(alertIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Jedis jedis = pool.getResource()) {
            List<String> values = jedis.mget(ids.stream().map(id -> keyPrefix + DeliveryLedger.messageKey(id))
                    .toArray(String[]::new));
            Map<String, MessageRef> result = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                MessageRef ref = MessageRef.decode(values.get(i));
                if (ref != null) {
                    result.put(ids.get(i), ref);
                }
            }
            return result;
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis delivery ledger unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Integer> confirmationsShown(Collection<String> originalIds) {
        List<String> ids = List.copyOf(originalIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Jedis jedis = pool.getResource()) {
            List<String> values = jedis.mget(ids.stream().map(id -> keyPrefix + DeliveryLedger.progressKey(id))
                    .toArray(String[]::new));
            Map<String, Integer> result = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Integer depth = ProgressDepth.decode(values.get(i));
                if (depth != null) {
                    result.put(ids.get(i), depth);
                }
            }
            return result;
        } catch (JedisException e) {
            throw new StoreUnavailableException("Redis delivery ledger unreachable: " + e.getMessage(), e);
        }
    }

    @Override
    public void markDelivered(Collection<String> alertIds, MessageRef message) {
        String value = Long.toString(clock.millis());
        String ref = message.encode();
        SetParams expiry = SetParams.setParams().ex(ttl.toSeconds());
        try (Jedis jedis = pool.getResource()) {
            Transaction multi = jedis.multi();
            for (String id : alertIds) {
                multi.set(key(id), value, expiry);
                multi.set(keyPrefix + DeliveryLedger.messageKey(id), ref, expiry);
                OptionalInt depth = AlertIds.progressDepthOf(id);
                if (depth.isPresent()) {
                    String progressKey = keyPrefix + DeliveryLedger.progressKey(AlertIds.announcementIdOf(id));
                    multi.set(progressKey, Integer.toString(depth.getAsInt()), expiry);
                }
            }
            if (multi.exec() == null) {
                throw new StoreUnavailableException("Redis discarded the delivery ledger transaction", null);
            }
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
