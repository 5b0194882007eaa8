package io.chainwatch.notifier.format;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.names.AddressBook;
import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.AlertKind;

/** Issue #17 item 3: addresses named by their verified ENS names, after the chat's label and the address book. */
class AlertFormatterNamesTest {

    private static final String FROM = Addresses.checksummed(TestAlerts.FROM);
    private static final String WATCHED = Addresses.checksummed(TestAlerts.WATCHED);

    private static AlertFormatter formatter(Map<String, EnsOutcome> names, AddressBook book) {
        return new AlertFormatter((chain, token) -> Optional.empty(), book, (chain, address) -> names.getOrDefault(
                address, new EnsOutcome.NoName()));
    }

    @Test
    void shouldShowAVerifiedNameInBoldBeforeTheFullAddress() {
        String text = formatter(Map.of(TestAlerts.FROM, new EnsOutcome.Named("alice.eth")), AddressBook.empty())
                .format(alert().build());
        assertThat(text).contains("From: <b>alice.eth</b> <code>" + FROM + "</code>");
    }

    @Test
    void shouldPreferTheAddressBookToEns() {
        AddressBook book = AddressBook.parse(List.of(TestAlerts.FROM + " Binance 14"), "test");
        String text = formatter(Map.of(TestAlerts.FROM, new EnsOutcome.Named("alice.eth")), book).format(alert()
                .build());
        assertThat(text).contains("From: <b>Binance 14</b> <code>" + FROM + "</code>").doesNotContain("alice.eth");
    }

    @Test
    void shouldNameTheWatchedAddressOnlyWhenTheWatchHasNoLabel() {
        AlertFormatter formatter = formatter(Map.of(TestAlerts.WATCHED, new EnsOutcome.Named("bob.eth")), AddressBook
                .empty());
        assertThat(formatter.format(alert().build())).contains("👁 Watching <b>bob.eth</b> <code>" + WATCHED
                + "</code>");
        assertThat(formatter.format(alert().label("cold wallet").build())).contains("🏷 cold wallet").doesNotContain(
                "bob.eth");
    }

    @Test
    void shouldShowAnUntrustedNameOnlyQuotedAndEscapedInAWarning() {
        String name = "<b>0xd8da6045</b>.eth" + "x".repeat(100);
        String text = formatter(Map.of(TestAlerts.FROM, new EnsOutcome.Untrusted(name, "it looks like an address")),
                AddressBook.empty()).format(alert().build());
        assertThat(text).contains("From: <code>" + FROM + "</code>\n🚩 Its ENS name “&lt;b&gt;0xd8da6045&lt;/b&gt;")
                .contains("is not shown: it looks like an address.").doesNotContain("<b>0xd8da").doesNotContain("x"
                        .repeat(AlertFormatter.MAX_UNTRUSTED_NAME_CHARS));
    }

    @Test
    void shouldEscapeAndBoundAVerifiedName() {
        String text = formatter(Map.of(TestAlerts.FROM, new EnsOutcome.Named("a&b" + "c".repeat(200) + ".eth")),
                AddressBook.empty()).format(alert().kind(AlertKind.NATIVE_IN).build());
        assertThat(text).contains("<b>a&amp;b").doesNotContain("c".repeat(AlertFormatter.MAX_ENS_NAME_CHARS));
    }

    @Test
    void shouldShowTheAddressAloneWhenNoNameIsKnownOrTheLookupFailed() {
        String text = formatter(Map.of(TestAlerts.FROM, new EnsOutcome.Failed("timeout")), AddressBook.empty())
                .format(alert().build());
        assertThat(text).contains("From: <code>" + FROM + "</code>\n");
    }
}
