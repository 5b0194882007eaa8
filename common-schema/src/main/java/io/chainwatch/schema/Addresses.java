package io.chainwatch.schema;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Addresses as wallets and explorers show them: EIP-55's mixed-case checksum. Only for display; chainwatch stores,
 * keys and matches addresses in lower case ({@link Ascii#lower(String)}). Stateless.
 */
public final class Addresses {

    private static final int HEX_DIGITS = 40;

    private Addresses() {
    }

    /**
     * The EIP-55 form of {@code address}, {@code 0x} and 40 hex digits in any case: each letter upper case where the
     * matching nibble of the Keccak-256 of the lower-case digits is 8 or more.
     *
     * @throws IllegalArgumentException when {@code address} is not {@code 0x} and 40 hex digits
     */
    public static String checksummed(String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not 0x and " + HEX_DIGITS + " hex digits: " + address);
        }
        byte[] digits = Ascii.lower(address.substring(2)).getBytes(StandardCharsets.US_ASCII);
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(digits, 0, digits.length);
        byte[] hash = new byte[keccak.getDigestSize()];
        keccak.doFinal(hash, 0);
        char[] out = new char[2 + HEX_DIGITS];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < HEX_DIGITS; i++) {
            int nibble = i % 2 == 0 ? (hash[i / 2] >> 4) & 0xf : hash[i / 2] & 0xf;
            char c = (char) digits[i];
            out[2 + i] = nibble >= 8 && c >= 'a' ? (char) (c - 'a' + 'A') : c;
        }
        return new String(out);
    }

    /**
     * {@code value} to show: checksummed when it is an address, as it is otherwise (a transaction hash, {@code null},
     * anything malformed that came from outside), so every text can pass what it shows through here.
     */
    public static String display(String value) {
        return isAddress(value) ? checksummed(value) : value;
    }

    private static boolean isAddress(String value) {
        if (value == null || value.length() != 2 + HEX_DIGITS || !(value.startsWith("0x") || value.startsWith("0X"))) {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
