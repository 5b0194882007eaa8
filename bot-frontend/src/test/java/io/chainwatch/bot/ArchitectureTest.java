package io.chainwatch.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter().withImportOption(
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.chainwatch.bot");

    @Test
    void shouldKeepServiceFreeOfMicronaut() {
        noClasses().that().resideInAPackage("io.chainwatch.bot").should().dependOnClassesThat().resideInAPackage(
                "io.micronaut..").because(
                        "BotService is plain Java so that the standalone launcher and tests build it"
                                + " directly; put Micronaut wiring in io.chainwatch.bot.app")
                .check(classes);
    }

    @Test
    void shouldNotDependOnOtherServices() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.chainwatch.ingestor..",
                "io.chainwatch.matcher..", "io.chainwatch.notifier..").because(
                        "services talk through Kafka topics"
                                + " only; move shared code to common-schema")
                .check(classes);
    }
}
