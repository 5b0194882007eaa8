package io.chainwatch.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter().withImportOption(
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.chainwatch.notifier");

    @Test
    void shouldKeepTheServiceFreeOfMicronaut() {
        noClasses().that().resideInAPackage("io.chainwatch.notifier").should().dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..").because(
                        "the standalone launcher and tests build NotifierService as plain Java; "
                                + "put Micronaut wiring in io.chainwatch.notifier.app")
                .check(classes);
    }

    @Test
    void shouldNotDependOnOtherServices() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.ingestor..",
                "io.chainwatch.matcher..", "io.chainwatch.bot..", "io.chainwatch.frontend..").because(
                        "services talk through Kafka topics only; share code through common-schema")
                .check(classes);
    }
}
