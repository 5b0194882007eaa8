package io.chainwatch.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules, defined once: each module's {@code ArchitectureTest} checks the ones about it on its own
 * classes (so a violation fails in the module that has it), and deploy's checks all of them on every class of the
 * product. Each rule says in its {@code because} how to fix a violation.
 */
public final class ArchitectureRules {

    /** The four services' root packages. */
    public static final List<String> SERVICES = List.of("io.chainwatch.ingestor", "io.chainwatch.matcher",
            "io.chainwatch.notifier", "io.chainwatch.bot");

    /** What no service may depend on: the launcher and tools, the demo, the benchmarks, the dev kit, test helpers. */
    private static final String[] NOT_FOR_SERVICES = {"io.chainwatch.standalone..", "io.chainwatch.demo..",
            "io.chainwatch.bench..", "io.chainwatch.devkit..", "io.chainwatch.testsupport.."};

    /** common-schema's packages. */
    private static final String[] COMMON = {"io.chainwatch.schema..", "io.chainwatch.config..", "io.chainwatch.kafka..",
            "io.chainwatch.logging..", "io.chainwatch.telegram..", "io.chainwatch.wiring.."};

    private ArchitectureRules() {
    }

    /** The main classes (not tests) of the packages below {@code packages}. */
    public static JavaClasses mainClassesOf(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
                packages);
    }

    /** Every rule that holds for each service, for {@code service} (one of {@link #SERVICES}). */
    public static List<ArchRule> forService(String service) {
        return List.of(talksToOtherServicesThroughKafkaOnly(service), keepsMicronautInItsAppPackage(service),
                needsNoToolsBenchmarksOrTestCode(service));
    }

    /** Each of {@code rules} as a test of its own (named by the rule) on {@code classes}, for a {@code @TestFactory}. */
    public static Stream<DynamicTest> checks(List<ArchRule> rules, JavaClasses classes) {
        return rules.stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }

    /** Every rule of the product: each service's, and common-schema's. */
    public static List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>();
        SERVICES.forEach(service -> rules.addAll(forService(service)));
        rules.add(commonSchemaNeedsNoService());
        rules.add(commonSchemaKeepsMicronautInWiring());
        return rules;
    }

    static ArchRule talksToOtherServicesThroughKafkaOnly(String service) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> s + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(service + "..").should().dependOnClassesThat().resideInAnyPackage(
                others).because(
                        "services talk only through Kafka topics, so each scales and fails on its own; move "
                                + "code two services share to common-schema");
    }

    static ArchRule keepsMicronautInItsAppPackage(String service) {
        return noClasses().that().resideInAPackage(service + "..").and().resideOutsideOfPackage(service + ".app..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..").because("the service's logic is "
                        + "plain Java that the standalone launcher, the benchmarks and the tests build directly; put "
                        + "Micronaut wiring in " + service + ".app (see io.chainwatch.wiring)");
    }

    static ArchRule needsNoToolsBenchmarksOrTestCode(String service) {
        return noClasses().that().resideInAPackage(service + "..").should().dependOnClassesThat().resideInAnyPackage(
                NOT_FOR_SERVICES).because(
                        "a service image holds the service and common-schema only; what the "
                                + "launcher, the demo, the benchmarks or the tests need of a service goes through its public "
                                + "classes, not the other way round");
    }

    /** The packages below {@code root} ({@code root.x..}, {@code root.y..}) depend on each other without a cycle. */
    public static ArchRule hasNoPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().because("a cycle makes two packages one "
                + "in all but name: move the type both need into the lower package, or have the lower one define an "
                + "interface that the upper one implements");
    }

    static ArchRule commonSchemaNeedsNoService() {
        String[] services = SERVICES.stream().map(s -> s + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(COMMON).should().dependOnClassesThat(resideInAnyPackage(services)
                .or(resideInAnyPackage(NOT_FOR_SERVICES))).because("common-schema is shared by every service and "
                        + "tool; it must not pull a service, a tool or test code in: move what both need into it");
    }

    static ArchRule commonSchemaKeepsMicronautInWiring() {
        return noClasses().that().resideInAnyPackage(COMMON).and().resideOutsideOfPackage("io.chainwatch.wiring..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..").because("the console formatter "
                        + "and the tools use common-schema without Micronaut (an optional dependency there); only "
                        + "io.chainwatch.wiring, the services' wiring, may use it");
    }
}
