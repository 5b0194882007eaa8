package io.chainwatch.matcher;

/**
 * The matcher's health for the health endpoint.
 *
 * @param state the Kafka Streams state ({@code RUNNING}, {@code REBALANCING}, ...) or {@code NOT_STARTED}
 * @param healthy whether the state is one in which alerts flow
 * @param streamThreads live stream threads of this instance
 */
public record MatcherHealth(String state, boolean healthy, int streamThreads) {
}
