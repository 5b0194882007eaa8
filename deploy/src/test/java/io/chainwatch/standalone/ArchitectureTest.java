package io.chainwatch.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Module boundaries, checked on the compiled classes of every service (all are on this module's classpath). */
class ArchitectureTest {

    static final String[] SERVICES = {"io.chainwatch.ingestor..", "io.chainwatch.matcher..", "io.chainwatch.notifier..",
            "io.chainwatch.bot.."};

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(
            ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.chainwatch");

    @Test
    void shouldKeepServicesIndependentOfEachOther() {
        for (String service : SERVICES) {
            String[] others = java.util.Arrays.stream(SERVICES).filter(s -> !s.equals(service)).toArray(String[]::new);
            noClasses().that().resideInAPackage(service).should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk only through Kafka topics; move shared code to common-schema instead")
                    .check(CLASSES);
        }
    }

    @Test
    void shouldKeepCommonSchemaFreeOfServicesAndFrameworks() {
        noClasses().that().resideInAnyPackage("io.chainwatch.schema..", "io.chainwatch.config..",
                "io.chainwatch.kafka..").should().dependOnClassesThat().resideInAnyPackage(SERVICES).orShould()
                .dependOnClassesThat().resideInAPackage("io.micronaut..").because(
                        "common-schema is shared by every service and tool; it must not pull a service or a framework in")
                .check(CLASSES);
    }

    @Test
    void shouldKeepServiceCoresFreeOfMicronaut() {
        noClasses().that().resideInAnyPackage(SERVICES).and().resideOutsideOfPackage("..app..").should()
                .dependOnClassesThat().resideInAPackage("io.micronaut..").because(
                        "service logic is plain Java so tests and the standalone launcher can run it; wiring belongs in the "
                                + "service's .app package")
                .check(CLASSES);
    }
}
