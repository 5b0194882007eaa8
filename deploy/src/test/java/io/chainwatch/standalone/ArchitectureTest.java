package io.chainwatch.standalone;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.chainwatch.testsupport.ArchitectureRules;

/**
 * Every architecture rule ({@link ArchitectureRules}) on every class of the product at once: deploy's classpath
 * holds all the services, common-schema, the launcher and the dev kit, so this is where common-schema's rules are
 * checked, and the services' once more together.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.mainClassesOf("io.chainwatch");

    @TestFactory
    Stream<DynamicTest> shouldKeepEveryRuleOfTheProduct() {
        return ArchitectureRules.checks(ArchitectureRules.all(), CLASSES);
    }
}
