package io.chainwatch.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.WatchTarget;

class WatchKeyTest {

    @Test
    void shouldRoundTripKeysOfAddressesAndTransactions() {
        WatchKey address = new WatchKey("ethereum", WatchTarget.ADDRESS, "0xabc");
        WatchKey tx = new WatchKey("bsc", WatchTarget.TX, "0xdef");

        assertThat(address.key()).isEqualTo("ethereum:0xabc");
        assertThat(tx.key()).isEqualTo("bsc:tx:0xdef");
        assertThat(WatchKey.parse(address.key())).contains(address);
        assertThat(WatchKey.parse(tx.key())).contains(tx);
    }

    @Test
    void shouldRejectMalformedKeys() {
        assertThat(WatchKey.parse("nocolon")).isEmpty();
        assertThat(WatchKey.parse("a:b:c")).isEmpty();
        assertThat(WatchKey.parse(":0xabc")).isEmpty();
    }
}
