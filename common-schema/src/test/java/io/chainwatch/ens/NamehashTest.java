package io.chainwatch.ens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamehashTest {

    /** The vectors of EIP-137. */
    @ParameterizedTest
    @CsvSource({"'', 0000000000000000000000000000000000000000000000000000000000000000",
            "eth, 93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae",
            "foo.eth, de9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f"})
    void shouldHashNamesAsEip137Says(String name, String node) {
        assertThat(HexFormat.of().formatHex(Namehash.of(name))).isEqualTo(node);
    }

    /** The selectors are the first four bytes of the Keccak-256 of each function's signature. */
    @ParameterizedTest
    @CsvSource({"resolver(bytes32), " + EnsAbi.RESOLVER, "addr(bytes32), " + EnsAbi.ADDR,
            "name(bytes32), " + EnsAbi.NAME})
    void shouldUseTheSelectorsOfTheEnsFunctions(String signature, String selector) {
        byte[] hash = Namehash.keccak(signature.getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(hash, 0, 4)).isEqualTo(selector);
    }
}
