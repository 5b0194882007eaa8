package io.chainwatch.devkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

class AbiTest {

    @Test
    void shouldComputeKnownSelectorsAndTopics() {
        assertThat(Abi.selector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
        assertThat(Abi.selector("addr(bytes32)")).isEqualTo("0x3b3b57de");
        assertThat(Abi.eventTopic("Transfer(address,address,uint256)"))
                .isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    }

    @Test
    void shouldEncodeStaticArgumentsAsWords() {
        String data = Abi.call("f(address,uint256,int256,bool)", "0x00000000000000000000000000000000000000Ab",
                BigInteger.valueOf(255), -1, true);

        assertThat(data.substring(10)).isEqualTo("00".repeat(31) + "ab" + "00".repeat(31) + "ff" + "ff".repeat(32)
                + "00".repeat(31) + "01");
    }

    @Test
    void shouldEncodeStringAfterHeadWithOffsetAndLength() {
        String encoded = Abi.encode(List.of("uint8", "string"), 1, "<b>é</b>");

        String expectedText = "3c623ec3a93c2f623e" + "00".repeat(32 - 9);
        assertThat(encoded).isEqualTo("00".repeat(31) + "01" + "00".repeat(31) + "40" + "00".repeat(31) + "09"
                + expectedText);
        assertThat(Abi.stringAt("0x" + encoded, 1)).isEqualTo("<b>é</b>");
        assertThat(Abi.uintAt(encoded, 0)).isEqualTo(1);
    }

    @Test
    void shouldRejectValuesThatDoNotFitTheirType() {
        assertThatThrownBy(() -> Abi.call("f(uint256)", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Abi.call("f(uint256)", BigInteger.TWO.pow(256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Abi.call("f(uint256,bool)", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDecodeNegativeIntsAndAddresses() {
        String result = "0x" + "ff".repeat(32) + "00".repeat(12) + "c0de".repeat(10);

        assertThat(Abi.intAt(result, 0)).isEqualTo(-1);
        assertThat(Abi.addressAt(result, 1)).isEqualTo("0x" + "c0de".repeat(10));
    }
}
