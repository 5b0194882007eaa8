package io.chainwatch.notifier;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.chainwatch.testsupport.ArchitectureRules;

/** The rules every service keeps ({@link ArchitectureRules}) and the boundaries of the notifier's parts. */
class ArchitectureTest {

    private static final String NOTIFIER = "io.chainwatch.notifier";
    /** The parts {@link NotifierService} is built from, each a package below this one. */
    private static final List<String> PARTS = List.of("delivery", "ledger", "telegram", "format", "erc20", "ens",
            "lookup");

    private final JavaClasses classes = ArchitectureRules.mainClassesOf(NOTIFIER);

    @TestFactory
    Stream<DynamicTest> shouldKeepTheRulesOfEveryService() {
        return ArchitectureRules.checks(ArchitectureRules.forService(NOTIFIER), classes);
    }

    @Test
    void shouldKeepThePartsFromReachingBackToTheServiceThatWiresThem() {
        noClasses().that().resideInAnyPackage(PARTS.stream().map(p -> NOTIFIER + "." + p + "..").toArray(
                String[]::new)).should().dependOnClassesThat().resideInAnyPackage(NOTIFIER, NOTIFIER + ".app..")
                .because("NotifierService builds the parts from NotifierSettings; a part that needs a setting or the "
                        + "service takes the value or a callback in its constructor instead")
                .check(classes);
    }

    @Test
    void shouldKeepTheLedgerTheTelegramTransportAndTheTextsIndependentOfTheRestOfTheNotifier() {
        for (String part : List.of("ledger", "telegram", "format", "lookup")) {
            String own = NOTIFIER + "." + part + "..";
            noClasses().that().resideInAPackage(own).should().dependOnClassesThat(resideInAPackage(NOTIFIER + "..")
                    .and(not(resideInAPackage(own)))).because(part + " is used by delivery and stands alone, "
                            + "so it can be tested and replaced alone: if it needs something from delivery or "
                            + "another part, define an interface in " + part + " for it (as format's TokenLookup) "
                            + "or move the shared type into " + part)
                    .check(classes);
        }
    }

    @Test
    void shouldLetTheTokenAndNameLookupsDependOnTheTextsAndTheLookupSupportOnly() {
        for (String part : List.of("erc20", "ens")) {
            String own = NOTIFIER + "." + part + "..";
            noClasses().that().resideInAPackage(own).should().dependOnClassesThat(resideInAPackage(NOTIFIER + "..")
                    .and(not(resideInAPackage(own))).and(not(resideInAPackage(NOTIFIER + ".format.."))).and(not(
                            resideInAPackage(NOTIFIER + ".lookup.."))))
                    .because(part + " only supplies a lookup of "
                            + "format's (TokenLookup, NameLookup) on top of the lookup package's cache and node "
                            + "calls; take anything else it needs (an executor, a clock) as a constructor "
                            + "argument")
                    .check(classes);
        }
    }

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        ArchitectureRules.hasNoPackageCycles(NOTIFIER).check(classes);
    }
}
