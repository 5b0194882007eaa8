package io.chainwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.testsupport.TestBrokerChoice.Kind;

class TestBrokerChoiceTest {

    @Test
    void shouldChooseTheInProcessBrokerWhenTheEnvironmentSaysNothing() {
        assertThat(TestBrokerChoice.from(Map.of())).isEqualTo(new TestBrokerChoice(Kind.EMBEDDED,
                TestBrokerChoice.DEFAULT_IMAGE));
    }

    @Test
    void shouldChooseAContainerOnTheOfficialImageByDefault() {
        assertThat(TestBrokerChoice.from(Map.of("CHAINWATCH_TEST_KAFKA", " TestContainers "))).isEqualTo(
                new TestBrokerChoice(Kind.TESTCONTAINERS, "apache/kafka:4.1.1"));
    }

    @Test
    void shouldTakeTheImageFromItsOwnVariableBeforeTheOneComposeReads() {
        assertThat(TestBrokerChoice.from(Map.of("CHAINWATCH_TEST_KAFKA", "testcontainers", "KAFKA_IMAGE",
                "chainwatch/kafka-standin")).image()).isEqualTo("chainwatch/kafka-standin");
        assertThat(TestBrokerChoice.from(Map.of("CHAINWATCH_TEST_KAFKA", "testcontainers", "KAFKA_IMAGE",
                "chainwatch/kafka-standin", "CHAINWATCH_TEST_KAFKA_IMAGE", "apache/kafka:4.1.0")).image())
                .isEqualTo("apache/kafka:4.1.0");
        assertThat(TestBrokerChoice.from(Map.of("CHAINWATCH_TEST_KAFKA_IMAGE", " ")).image()).isEqualTo(
                TestBrokerChoice.DEFAULT_IMAGE);
    }

    @Test
    void shouldRefuseAKindItDoesNotKnowNamingTheVariable() {
        assertThatThrownBy(() -> TestBrokerChoice.from(Map.of("CHAINWATCH_TEST_KAFKA", "docker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHAINWATCH_TEST_KAFKA=docker")
                .hasMessageContaining("embedded")
                .hasMessageContaining("testcontainers");
    }
}
