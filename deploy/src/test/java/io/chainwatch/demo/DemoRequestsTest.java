package io.chainwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the demo's small API accepts before anything reaches anvil or the bot. */
class DemoRequestsTest {

    @ParameterizedTest
    @CsvSource({"1,1000000000000000000", "0.1,100000000000000000", "100,100000000000000000000",
            "0.000000000000000001,1"})
    void shouldConvertAmountsOfEthToWei(String eth, String wei) {
        assertThat(TestTransfers.wei(eth)).isEqualTo(new BigInteger(wei));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100.5", "1e9", "0.0000000000000000001", "abc", ""})
    void shouldRefuseAmountsOutsideTheDemosRange(String eth) {
        assertThatThrownBy(() -> TestTransfers.wei(eth)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"localhost:8088,true", "127.0.0.1:8088,true", "LOCALHOST,true", "[::1]:8088,true",
            "evil.example:8088,false", "localhost.evil.example,false", "127.0.0.1.nip.io:8088,false"})
    void shouldServeOnlyRequestsAddressedToThisComputer(String host, boolean served) {
        assertThat(DemoServer.isLocalHost(host)).isEqualTo(served);
    }
}
