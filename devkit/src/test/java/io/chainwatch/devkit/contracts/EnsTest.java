package io.chainwatch.devkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnsTest {

    @Test
    void shouldHashNamesAsEip137() {
        assertThat(Ens.namehash("")).isEqualTo("0x" + "0".repeat(64));
        assertThat(Ens.namehash("eth")).isEqualTo("0x93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae");
        assertThat(Ens.namehash("foo.eth"))
                .isEqualTo("0xde9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f");
    }

    @Test
    void shouldHashAddrReverseAsTheReverseRegistrarConstant() {
        assertThat(Ens.namehash("addr.reverse"))
                .isEqualTo("0x91d1777781884d03a6757a803996e38de2a42967fb37eeaca72729271025a9e2");
    }

    @Test
    void shouldNameReverseRecordByLowerCaseHexWithout0x() {
        assertThat(Ens.reverseName("0x00000000000000000000000000000000000000Ab"))
                .isEqualTo("00000000000000000000000000000000000000ab.addr.reverse");
    }
}
