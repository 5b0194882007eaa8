package io.chainwatch.bot;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.tngtech.archunit.core.domain.JavaClasses;

import io.chainwatch.testsupport.ArchitectureRules;

/** The rules every service keeps ({@link ArchitectureRules}) and the boundaries of the bot's parts. */
class ArchitectureTest {

    private static final String BOT = "io.chainwatch.bot";
    /** The parts {@link BotService} is built from, each a package below this one. */
    private static final List<String> PARTS = List.of("command", "telegram", "store", "chain", "text", "track");

    private final JavaClasses classes = ArchitectureRules.mainClassesOf(BOT);

    @TestFactory
    Stream<DynamicTest> shouldKeepTheRulesOfEveryService() {
        return ArchitectureRules.checks(ArchitectureRules.forService(BOT), classes);
    }

    @Test
    void shouldKeepThePartsFromReachingBackToTheServiceThatWiresThem() {
        noClasses().that().resideInAnyPackage(PARTS.stream().map(p -> BOT + "." + p + "..").toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(BOT, BOT + ".app..").because(
                        "BotService builds the parts from BotSettings; a part that needs a setting or the service "
                                + "takes the value or a callback in its constructor instead (as TelegramFrontEnd "
                                + "takes the webhook's url and secret)")
                .check(classes);
    }

    @Test
    void shouldKeepTheTextsIndependentOfTheRestOfTheBot() {
        String text = BOT + ".text..";
        noClasses().that().resideInAPackage(text).should().dependOnClassesThat(resideInAPackage(BOT + "..").and(not(
                resideInAPackage(text)))).because("escaping and cleaning text is used by every part; a text about "
                        + "a command, a chain or the store belongs in that part's package, next to what it says")
                .check(classes);
    }

    @Test
    void shouldKeepTheStoreAndTheChainsFreeOfCommandsAndTelegram() {
        noClasses().that().resideInAnyPackage(BOT + ".store..", BOT + ".chain..", BOT + ".track..").should()
                .dependOnClassesThat(resideInAnyPackage(BOT + ".command..", BOT + ".telegram..")).because(
                        "the commands and Telegram use the store and the chains, not the other way round: if the "
                                + "store or a chain needs to tell them something, take a callback (as WatchStore "
                                + "takes the outbox's wake-up) or return a value they act on")
                .check(classes);
    }

    @Test
    void shouldKeepTheTrackerFreeOfTheRestOfTheBot() {
        String track = BOT + ".track..";
        noClasses().that().resideInAPackage(track).should().dependOnClassesThat(resideInAPackage(BOT + "..").and(not(
                resideInAPackage(track)))).because("the tracker is tested alone on a node and a database: the "
                        + "nodes, the texts and Telegram come in through its interfaces (Tracker.Nodes, Story, "
                        + "Messages, WatchEnder), which BotService fills from the other parts")
                .check(classes);
    }

    @Test
    void shouldKeepTheCommandsFreeOfTelegram() {
        noClasses().that().resideInAPackage(BOT + ".command..").should().dependOnClassesThat(resideInAnyPackage(
                BOT + ".telegram..", "org.telegram..")).because("the handler answers with Response values so that "
                        + "it is tested without Telegram; the telegram package turns them into Bot API calls, "
                        + "and what it needs from a command (the menu, group admins) it reads from CommandTable or "
                        + "implements (GroupAdmins)")
                .check(classes);
    }

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        ArchitectureRules.hasNoPackageCycles(BOT).check(classes);
    }
}
