package io.chainwatch.ens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resolution logic against an in-memory ENS; the real contracts on anvil are the notifier's and bot's ITs'. */
class EnsResolverTest {

    private static final String REGISTRY = "0x00000000000c2e074ec69a0dfb2997ba6c7d2e1e";
    private static final String RESOLVER = "0x4976fb03c32e5b8cfe2b6ccb31c09ba78ebaba41";
    private static final String ALICE = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045";
    private static final String BOB = "0x1111111111111111111111111111111111111111";

    private final Map<String, String> answers = new HashMap<>();
    private final EnsResolver ens = new EnsResolver((to, data) -> Optional.ofNullable(answers.get(to + data)),
            REGISTRY.toUpperCase().replace("0X", "0x"));

    @Test
    void shouldResolveARegisteredName() {
        register("alice.eth", ALICE);
        assertThat(ens.resolve("Alice.eth")).isEqualTo(new Resolution.Resolved("alice.eth", ALICE));
    }

    @Test
    void shouldSayWhenANameIsUnregisteredOrInvalid() {
        assertThat(ens.resolve("nobody.eth")).isEqualTo(new Resolution.Unregistered("nobody.eth"));
        assertThat(ens.resolve("<b>x</b>.eth")).isInstanceOf(Resolution.InvalidName.class);
    }

    @Test
    void shouldTrustAReverseNameThatResolvesBack() {
        register("alice.eth", ALICE);
        reverse(ALICE, "alice.eth");
        assertThat(ens.reverse(ALICE)).isEqualTo(new EnsOutcome.Named("alice.eth"));
    }

    @Test
    void shouldNotNameAnAddressWhoseReverseNameResolvesElsewhere() {
        register("bob.eth", ALICE);
        reverse(BOB, "bob.eth");
        assertThat(ens.reverse(BOB)).isEqualTo(new EnsOutcome.NoName());
    }

    @Test
    void shouldNotNameAnAddressWithoutAReverseRecord() {
        assertThat(ens.reverse(ALICE)).isEqualTo(new EnsOutcome.NoName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0xd8da6045.eth", "wallet-0xd8da.eth", "d8da6bf26964af9d7eed9e03e53415d37aa96045.eth",
            "ab12cd34.eth"})
    void shouldDistrustANameThatLooksLikeAnAddressEvenWhenItVerifies(String name) {
        register(name, ALICE);
        reverse(ALICE, name);
        assertThat(ens.reverse(ALICE)).isEqualTo(new EnsOutcome.Untrusted(name, "it looks like an address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice.eth", "<b>x</b>.eth", "ali ce.eth"})
    void shouldDistrustANameThatIsNotNormalised(String name) {
        reverse(ALICE, name);
        assertThat(ens.reverse(ALICE)).isInstanceOf(EnsOutcome.Untrusted.class);
    }

    @Test
    void shouldLetNamesThatMerelyHaveDigitsOrHexLettersThrough() {
        assertThat(EnsResolver.distrust("1234567890.eth")).isEmpty();
        assertThat(EnsResolver.distrust("deadbeefcafe.eth")).isEmpty();
        assertThat(EnsResolver.distrust("0xa.eth")).isEmpty();
    }

    @Test
    void shouldReportANodeFailure() {
        EnsResolver offline = new EnsResolver((to, data) -> {
            throw new IOException("no node answered");
        }, REGISTRY);
        assertThat(offline.reverse(ALICE)).isEqualTo(new EnsOutcome.Failed("no node answered"));
        assertThat(offline.resolve("alice.eth")).isEqualTo(new Resolution.Failed("no node answered"));
    }

    private void register(String name, String address) {
        byte[] node = Namehash.of(name);
        answers.put(REGISTRY + EnsAbi.call(EnsAbi.RESOLVER, node), EnsAbiTest.addressWord(RESOLVER).orElseThrow());
        answers.put(RESOLVER + EnsAbi.call(EnsAbi.ADDR, node), EnsAbiTest.addressWord(address).orElseThrow());
    }

    private void reverse(String address, String name) {
        byte[] node = Namehash.of(address.substring(2) + ".addr.reverse");
        answers.put(REGISTRY + EnsAbi.call(EnsAbi.RESOLVER, node), EnsAbiTest.addressWord(RESOLVER).orElseThrow());
        answers.put(RESOLVER + EnsAbi.call(EnsAbi.NAME, node), EnsAbiTest.string(name));
    }
}
