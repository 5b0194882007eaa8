package io.chainwatch.ens;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * EIP-137's namehash: {@code namehash("") = 0x00…00}, {@code namehash(label.rest) = keccak256(namehash(rest) ++
 * keccak256(label))}. It hashes what it is given; normalise a name first ({@link EnsNames#normalise}). Stateless.
 */
public final class Namehash {

    private Namehash() {
    }

    /** The 32-byte node of {@code name} (labels separated by dots; {@code ""} is the root). */
    public static byte[] of(String name) {
        byte[] node = new byte[32];
        if (name.isEmpty()) {
            return node;
        }
        String[] labels = name.split("\\.", -1);
        for (int i = labels.length - 1; i >= 0; i--) {
            byte[] both = new byte[64];
            System.arraycopy(node, 0, both, 0, 32);
            System.arraycopy(keccak(labels[i].getBytes(StandardCharsets.UTF_8)), 0, both, 32, 32);
            node = keccak(both);
        }
        return node;
    }

    static byte[] keccak(byte[] input) {
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(input, 0, input.length);
        byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return out;
    }
}
