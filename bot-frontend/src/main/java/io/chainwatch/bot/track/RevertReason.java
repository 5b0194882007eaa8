package io.chainwatch.bot.track;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Revert data in words: {@code Error(string)} as its message, {@code Panic(uint256)} as what the compiler checked,
 * anything else as the custom error's selector. What a contract says is not ours: callers escape it like any other
 * text, and it is cut to {@link #MAX_LENGTH} characters.
 */
final class RevertReason {

    static final int MAX_LENGTH = 200;
    private static final String ERROR_STRING = "08c379a0";
    private static final String PANIC = "4e487b71";
    private static final Map<Integer, String> PANICS = Map.of(0x01, "assertion failed", 0x11,
            "arithmetic overflow or underflow", 0x12, "division by zero", 0x21, "invalid enum value", 0x22,
            "corrupt storage byte array", 0x31, "pop from an empty array", 0x32, "array index out of bounds", 0x41,
            "out of memory", 0x51, "call to an uninitialised function");

    private RevertReason() {
    }

    /** The reason in {@code data} (hex, with or without 0x), or empty when it carries none. */
    static Optional<String> decode(String data) {
        String hex = data == null ? "" : data.startsWith("0x") || data.startsWith("0X") ? data.substring(2) : data;
        if (hex.length() < 8 || !hex.matches("[0-9a-fA-F]*")) {
            return Optional.empty();
        }
        String selector = hex.substring(0, 8).toLowerCase(java.util.Locale.ROOT);
        try {
            if (selector.equals(ERROR_STRING)) {
                return errorString(hex.substring(8));
            }
            if (selector.equals(PANIC) && hex.length() >= 8 + 64) {
                BigInteger code = new BigInteger(hex.substring(8, 8 + 64), 16);
                String what = code.bitLength() <= 8 ? PANICS.get(code.intValue()) : null;
                return Optional.of("panic 0x" + code.toString(16) + (what == null ? "" : " (" + what + ")"));
            }
        } catch (RuntimeException malformed) {
            return Optional.of("reverted with malformed data");
        }
        return Optional.of("custom error 0x" + selector);
    }

    /** A reason a node wrote as text (a trace's {@code revertReason}): control characters out, cut to length. */
    static Optional<String> text(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String clean = reason.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH - 1) + "…" : clean);
    }

    private static Optional<String> errorString(String args) {
        int offset = new BigInteger(args.substring(0, 64), 16).intValueExact() * 2;
        int length = new BigInteger(args.substring(offset, offset + 64), 16).intValueExact();
        int start = offset + 64;
        byte[] bytes = new byte[Math.min(length, 4 * MAX_LENGTH)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(args.substring(start + 2 * i, start + 2 * i + 2), 16);
        }
        return text(new String(bytes, StandardCharsets.UTF_8));
    }
}
