package io.chainwatch.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.TestChains;
import io.chainwatch.config.ChainConfig;

class CommandTableTest {

    private final List<ChainConfig> chains = List.of(TestChains.chain("ethereum"));
    private final CommandParser parser = new CommandParser(chains, new Replies(chains));

    @Test
    void shouldParseEveryCommandOfTheTableByItsName() {
        assertThat(Arrays.stream(CommandTable.values()).map(c -> parser.parse("/" + c.command(), null)))
                .noneMatch(c -> c instanceof Command.Unknown);
        assertThat(parser.parse("/fees", null)).isEqualTo(parser.parse("/gas", null));
    }

    @Test
    void shouldListInTheMenuWhatTheHelpExplainsPlusHelpItself() {
        assertThat(CommandTable.menu()).extracting(CommandTable::command).containsExactly("watch", "unwatch", "track",
                "untrack", "list", "settings", "gas", "status", "help");
        for (CommandTable command : CommandTable.menu()) {
            if (command != CommandTable.HELP) {
                assertThat(CommandTable.helpHtml()).contains("/" + command.command());
            }
        }
        assertThat(CommandTable.helpHtml()).doesNotContain("/stats", "/start", "/help");
    }

    @Test
    void shouldReadButtonsAsTheCommandsThatWroteThem() {
        Command.ListWatches page = new Command.ListWatches(3);
        Command.RemoveWatch remove = new Command.RemoveWatch(42, 1);

        assertThat(parser.parseButton(page.callbackData())).isEqualTo(page);
        assertThat(parser.parseButton(remove.callbackData())).isEqualTo(remove);
        assertThat(parser.parseButton("uw:42")).isInstanceOf(Command.Unknown.class);
        assertThat(parser.parseButton(null)).isInstanceOf(Command.Unknown.class);
    }
}
