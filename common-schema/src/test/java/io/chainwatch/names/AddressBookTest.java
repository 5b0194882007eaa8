package io.chainwatch.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressBookTest {

    private static final String BINANCE = "0x28C6c06298d514Db089934071355E5743bf21d60";
    private static final String ROUTER = "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D";

    @Test
    void shouldNameAnAddressOnEveryChainUnlessTheChainHasItsOwnName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("labels.txt");
        Files.writeString(file, """
                # exchanges
                %s   Binance 14
                bsc:%s Binance on BSC   # its own name there

                %s Uniswap V2 Router
                """.formatted(BINANCE, BINANCE, ROUTER.toLowerCase()));

        AddressBook book = AddressBook.load(file);

        assertThat(book.size()).isEqualTo(3);
        assertThat(book.name("ethereum", BINANCE.toLowerCase())).contains("Binance 14");
        assertThat(book.name("bsc", BINANCE)).contains("Binance on BSC");
        assertThat(book.name("base", ROUTER)).contains("Uniswap V2 Router");
        assertThat(book.name("ethereum", "0x" + "00".repeat(20))).isEmpty();
        assertThat(AddressBook.empty().name("ethereum", BINANCE)).isEmpty();
    }

    @Test
    void shouldNameTheLineThatIsNotAnEntry() {
        assertThatThrownBy(() -> AddressBook.parse(List.of("# ok", "0x1234 short"), "labels.txt")).hasMessage(
                "labels.txt:2: expected '[chain:]0x<40 hex digits> <name>'");
        assertThatThrownBy(() -> AddressBook.parse(List.of(BINANCE + " A", BINANCE.toLowerCase() + " B"), "f"))
                .hasMessage("f:2: " + BINANCE.toLowerCase() + " is named twice");
        assertThatThrownBy(() -> AddressBook.parse(List.of(BINANCE + " " + "x".repeat(65)), "f")).hasMessageContaining(
                "f:1: a name has at most 64 characters");
        assertThatThrownBy(() -> AddressBook.parse(List.of(BINANCE), "f")).hasMessageStartingWith("f:1: expected");
    }
}
