package io.chainwatch.notifier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.chainwatch.devkit.BotApiDouble;

/**
 * The set-up most notifier ITs share and none of them is about: for each test a fresh strict Bot API double and a
 * {@link NotifierHarness} pointed at it (a consumer group and Redis prefix of its own), on the class's broker. A
 * subclass's own {@code @AfterEach} runs first, so what it started (a process, a proxy) is gone before the harness
 * closes the services and the double.
 */
abstract class WithNotifierHarness extends WithTemporaryBroker {

    BotApiDouble telegram;
    NotifierHarness harness;

    @BeforeEach
    final void startBotApiDoubleAndHarness() {
        telegram = BotApiDouble.start(NotifierHarness.TOKEN);
        harness = new NotifierHarness(broker, telegram.baseUrl());
    }

    @AfterEach
    final void closeHarnessAndBotApiDouble() {
        harness.close();
        telegram.close();
    }
}
