package io.chainwatch.ingestor;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.chainwatch.testsupport.ArchitectureRules;

/** The rules every service keeps ({@link ArchitectureRules}), on the ingestor's classes. */
class ArchitectureTest {

    private static final String INGESTOR = "io.chainwatch.ingestor";
    private static final JavaClasses CLASSES = ArchitectureRules.mainClassesOf(INGESTOR);

    @TestFactory
    Stream<DynamicTest> shouldKeepTheRulesOfEveryService() {
        return ArchitectureRules.checks(ArchitectureRules.forService(INGESTOR), CLASSES);
    }

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        ArchitectureRules.hasNoPackageCycles(INGESTOR).check(CLASSES);
    }
}
