package io.chainwatch.notifier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.chainwatch.testsupport.TestBroker;

/**
 * A broker of the test class's own, started once for all its tests: starting one takes seconds, and the tests of a
 * class keep apart anyway through {@link NotifierHarness}'s fresh consumer group and Redis prefix. The lifecycle
 * methods are {@code final} so that a subclass cannot silently replace them with its own of the same name; the
 * field is static because the classes of this module run one after another, never in parallel.
 */
abstract class WithTemporaryBroker {

    static TestBroker broker;

    @BeforeAll
    static final void startTemporaryBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static final void stopTemporaryBroker() {
        broker.close();
    }
}
