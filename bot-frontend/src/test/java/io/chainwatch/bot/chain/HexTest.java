package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexTest {

    /** The test vectors of EIP-55. */
    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void shouldAcceptChecksumWhenAddressIsAnEip55Vector(String vector) {
        assertThat(Hex.address(vector)).isEqualTo(new Hex.Check.Valid(vector.toLowerCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            "0xFB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6Fb"})
    void shouldRejectChecksumWhenOneLetterHasItsCaseFlipped(String typo) {
        assertThat(Hex.address(typo)).isInstanceOf(Hex.Check.BadChecksum.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
            "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"})
    void shouldSkipChecksumWhenAddressIsSingleCase(String address) {
        assertThat(Hex.address(address)).isEqualTo(new Hex.Check.Valid("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "0x12", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0xg",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae٣", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0"})
    void shouldRejectShapeWhenNotFortyHexDigits(String text) {
        assertThat(Hex.address(text)).isNotInstanceOf(Hex.Check.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b",
            "0x88DF016429689C079F3B2F6AD39FA052532C56795B733DA78A91EBE6A713944B"})
    void shouldAcceptTxHashWhenSixtyFourHexDigits(String hash) {
        assertThat(Hex.txHash(hash)).isEqualTo(new Hex.Check.Valid(
                "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b"));
    }
}
