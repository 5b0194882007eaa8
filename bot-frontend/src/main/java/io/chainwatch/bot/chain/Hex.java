package io.chainwatch.bot.chain;

import java.util.Locale;

import io.chainwatch.schema.Addresses;

/** Validation of addresses (with EIP-55 checksums) and transaction hashes. Stateless. */
public final class Hex {

    /** Outcome of checking one address or hash. */
    public sealed interface Check {
        /** Well-formed; {@code value} is the lower-case form that is stored and keyed. */
        record Valid(String value) implements Check {
        }

        record MissingPrefix() implements Check {
        }

        record WrongLength(int hexDigits) implements Check {
        }

        record NotHex() implements Check {
        }

        /** Mixed case whose EIP-55 checksum does not match; {@code expected} is the correctly checksummed form. */
        record BadChecksum(String expected) implements Check {
        }
    }

    public static final int ADDRESS_HEX_DIGITS = 40;
    public static final int TX_HASH_HEX_DIGITS = 64;

    private Hex() {
    }

    public static Check address(String text) {
        Check shape = shape(text, ADDRESS_HEX_DIGITS);
        if (!(shape instanceof Check.Valid valid)) {
            return shape;
        }
        String digits = text.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(
                Locale.ROOT));
        if (mixedCase) {
            String expected = Addresses.checksummed(valid.value());
            if (!expected.substring(2).equals(digits)) {
                return new Check.BadChecksum(expected);
            }
        }
        return valid;
    }

    /** Only the shape of an address (prefix, length, hex digits), no checksum. */
    public static Check addressShape(String text) {
        return shape(text, ADDRESS_HEX_DIGITS);
    }

    public static Check txHash(String text) {
        return shape(text, TX_HASH_HEX_DIGITS);
    }

    private static Check shape(String text, int hexDigits) {
        if (!(text.startsWith("0x") || text.startsWith("0X"))) {
            return new Check.MissingPrefix();
        }
        String digits = text.substring(2);
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0 || digits.charAt(i) > 'f') {
                return new Check.NotHex();
            }
        }
        if (digits.length() != hexDigits) {
            return new Check.WrongLength(digits.length());
        }
        return new Check.Valid("0x" + digits.toLowerCase(Locale.ROOT));
    }
}
