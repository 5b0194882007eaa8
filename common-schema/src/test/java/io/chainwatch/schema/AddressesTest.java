package io.chainwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    /** The test vectors of EIP-55 (all caps, all lower, and mixed). */
    @ParameterizedTest
    @ValueSource(strings = {"0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void shouldGiveTheEip55FormWhateverTheCaseGiven(String vector) {
        assertThat(Addresses.checksummed(vector.toLowerCase(Locale.ROOT))).isEqualTo(vector);
        assertThat(Addresses.checksummed("0x" + vector.substring(2).toUpperCase(Locale.ROOT))).isEqualTo(vector);
        assertThat(Addresses.checksummed(vector)).isEqualTo(vector);
        assertThat(Addresses.display(vector.toLowerCase(Locale.ROOT))).isEqualTo(vector);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae٣",
            "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"})
    void shouldShowAnythingButAnAddressAsItIs(String value) {
        assertThat(Addresses.display(value)).isSameAs(value);
        assertThatThrownBy(() -> Addresses.checksummed(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteThePrefixInLowerCase() {
        assertThat(Addresses.display("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isEqualTo(
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    @Test
    void shouldShowNullAsNull() {
        assertThat(Addresses.display(null)).isNull();
    }
}
