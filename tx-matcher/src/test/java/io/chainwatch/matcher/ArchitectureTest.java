package io.chainwatch.matcher;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.chainwatch.testsupport.ArchitectureRules;

/** The rules every service keeps ({@link ArchitectureRules}), on the matcher's classes. */
class ArchitectureTest {

    private static final String MATCHER = "io.chainwatch.matcher";
    private static final JavaClasses CLASSES = ArchitectureRules.mainClassesOf(MATCHER);

    @TestFactory
    Stream<DynamicTest> shouldKeepTheRulesOfEveryService() {
        return ArchitectureRules.checks(ArchitectureRules.forService(MATCHER), CLASSES);
    }
}
