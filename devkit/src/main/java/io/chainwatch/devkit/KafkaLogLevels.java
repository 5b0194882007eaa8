package io.chainwatch.devkit;

import java.lang.reflect.Method;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the in-process broker's own loggers down to WARN, so a test run or the standalone mode is not drowned in
 * broker start-up chatter. It only touches loggers that have no configured level, so a logback file that sets one
 * wins. Logback is looked up reflectively: this module must not force a logging backend on its users, and with any
 * other backend this does nothing.
 */
public final class KafkaLogLevels {

    /** Logger names of the broker side only; the clients ({@code org.apache.kafka.clients}) keep their levels. */
    static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger", "org.apache.kafka.server",
            "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.metadata",
            "org.apache.kafka.image", "org.apache.kafka.storage", "org.apache.kafka.coordinator",
            "org.apache.kafka.snapshot", "org.apache.kafka.queue", "org.apache.kafka.security",
            "org.apache.kafka.common.utils.AppInfoParser");

    private KafkaLogLevels() {
    }

    /** Sets the broker's loggers that have no level to WARN (public for test-support's cluster nodes). */
    public static void quietKafkaServerLoggers() {
        for (String name : BROKER_LOGGERS) {
            Logger logger = LoggerFactory.getLogger(name);
            if (!logger.getClass().getName().equals("ch.qos.logback.classic.Logger")) {
                return;
            }
            try {
                Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true,
                        logger.getClass().getClassLoader());
                if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                    Method setLevel = logger.getClass().getMethod("setLevel", levelClass);
                    setLevel.invoke(logger, levelClass.getField("WARN").get(null));
                }
            } catch (ReflectiveOperationException e) {
                return; // another logback version: leave the levels as they are
            }
        }
    }
}
