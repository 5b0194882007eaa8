package io.chainwatch.matcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.chainwatch");

    @Test
    void shouldNotDependOnOtherServicesWhenMatching() {
        noClasses().that().resideInAPackage("io.chainwatch.matcher..").should().dependOnClassesThat()
                .resideInAnyPackage("io.chainwatch.ingestor..", "io.chainwatch.notifier..", "io.chainwatch.frontend..",
                        "io.chainwatch.bot..")
                .because("services talk through Kafka topics only; move shared code to common-schema")
                .check(CLASSES);
    }

    @Test
    void shouldKeepMicronautOutOfTheCoreWhenWiring() {
        noClasses().that().resideInAPackage("io.chainwatch.matcher").should().dependOnClassesThat()
                .resideInAPackage("io.micronaut..")
                .because("the topology and service are plain Java that the standalone launcher and tests run without"
                        + " a Micronaut context; put wiring in io.chainwatch.matcher.app")
                .check(CLASSES);
    }
}
