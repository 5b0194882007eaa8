package io.chainwatch.testsupport;

import java.util.Locale;
import java.util.Map;

import io.chainwatch.devkit.EmbeddedKafkaBroker;

/**
 * Which broker {@link TestBroker#start()} gives, read from the environment and validated before anything starts: a
 * misspelt kind fails every IT at once with a message naming the variable, rather than silently testing the other
 * broker.
 *
 * @param kind
 *            in-process, or in a container
 * @param image
 *            the container image (only used by {@link Kind#TESTCONTAINERS})
 */
public record TestBrokerChoice(Kind kind, String image) {

    /** Chooses the broker: {@code embedded} or {@code testcontainers}. */
    public static final String KIND_VARIABLE = "CHAINWATCH_TEST_KAFKA";
    /** The container image; falls back to {@link #COMPOSE_IMAGE_VARIABLE}, then {@link #DEFAULT_IMAGE}. */
    public static final String IMAGE_VARIABLE = "CHAINWATCH_TEST_KAFKA_IMAGE";
    /** The variable docker-compose.yml takes the Kafka image from: one setting moves both to a local image. */
    public static final String COMPOSE_IMAGE_VARIABLE = "KAFKA_IMAGE";
    /** The official image of the Kafka version chainwatch builds against (docker-compose.yml's default too). */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.1";

    /** Where the broker runs. */
    public enum Kind {
        /** {@link EmbeddedKafkaBroker}: in this JVM. */
        EMBEDDED,
        /** Testcontainers' {@code KafkaContainer}: on the Docker engine. */
        TESTCONTAINERS
    }

    public TestBrokerChoice {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(IMAGE_VARIABLE + " must name an image");
        }
    }

    /** The choice the given environment makes; the in-process broker when it says nothing. */
    public static TestBrokerChoice from(Map<String, String> env) {
        String kind = env.getOrDefault(KIND_VARIABLE, "").trim().toLowerCase(Locale.ROOT);
        String image = firstSet(env.get(IMAGE_VARIABLE), env.get(COMPOSE_IMAGE_VARIABLE), DEFAULT_IMAGE);
        return switch (kind) {
            case "", "embedded" -> new TestBrokerChoice(Kind.EMBEDDED, image);
            case "testcontainers" -> new TestBrokerChoice(Kind.TESTCONTAINERS, image);
            default -> throw new IllegalArgumentException(KIND_VARIABLE + "=" + kind
                    + " is not a broker for the tests: use embedded (the default) or testcontainers");
        };
    }

    /** Starts the chosen broker. */
    public TestBroker start() {
        return switch (kind) {
            case EMBEDDED -> new InProcessKafkaBroker(EmbeddedKafkaBroker.startTemporary());
            // a class of its own, so that Testcontainers is loaded only when chosen (it is an optional dependency)
            case TESTCONTAINERS -> ContainerKafkaBroker.start(image);
        };
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalStateException("no default");
    }
}
