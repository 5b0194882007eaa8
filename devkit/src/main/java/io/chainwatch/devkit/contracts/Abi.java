package io.chainwatch.devkit.contracts;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Just enough of the Solidity ABI for the test contracts: calls and constructor arguments of the elementary types
 * {@code address}, {@code uintN}, {@code intN}, {@code bool}, {@code bytesN}, and the dynamic {@code string} and
 * {@code bytes} (no arrays, no tuples); and reading single words and strings back from {@code eth_call} results.
 * Hand-written so devkit needs no web3j: the production code reads chains with web3j, and a test that encodes with
 * the same library it tests would hide the library's mistakes. Stateless.
 */
public final class Abi {

    private static final int WORD = 32;
    private static final HexFormat HEX = HexFormat.of();

    private Abi() {
    }

    /** The Keccak-256 hash of {@code data} (Ethereum's, not NIST SHA3-256). */
    public static byte[] keccak256(byte[] data) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(data, 0, data.length);
        byte[] hash = new byte[WORD];
        digest.doFinal(hash, 0);
        return hash;
    }

    /** The 4-byte selector of {@code signature} (e.g. {@code "transfer(address,uint256)"}), {@code 0x}-prefixed. */
    public static String selector(String signature) {
        return "0x" + HEX.formatHex(Arrays.copyOf(keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4));
    }

    /** The topic of an event, the Keccak-256 of its signature (e.g. {@code "Approval(address,address,uint256)"}). */
    public static String eventTopic(String signature) {
        return "0x" + HEX.formatHex(keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The call data of {@code signature} with {@code args}: an {@code address} or {@code bytesN} is a hex string, an
     * integer a {@link BigInteger} or {@link Number}, a {@code bool} a {@link Boolean}, a {@code string} a
     * {@link String}, {@code bytes} a {@code byte[]}.
     */
    public static String call(String signature, Object... args) {
        return selector(signature) + encode(types(signature), args);
    }

    /** The ABI encoding of {@code args} as {@code types}, hex without {@code 0x} (to append to code or a selector). */
    public static String encode(List<String> types, Object... args) {
        if (types.size() != args.length) {
            throw new IllegalArgumentException(types.size() + " types " + types + " but " + args.length + " values");
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        for (int i = 0; i < args.length; i++) {
            String type = types.get(i);
            if (type.equals("string") || type.equals("bytes")) {
                head.writeBytes(word(BigInteger.valueOf((long) WORD * args.length + tail.size())));
                byte[] data = args[i] instanceof byte[] bytes
                        ? bytes
                        : ((String) args[i]).getBytes(StandardCharsets.UTF_8);
                tail.writeBytes(word(BigInteger.valueOf(data.length)));
                tail.writeBytes(Arrays.copyOf(data, (data.length + WORD - 1) / WORD * WORD));
            } else {
                head.writeBytes(staticWord(type, args[i]));
            }
        }
        head.writeBytes(tail.toByteArray());
        return HEX.formatHex(head.toByteArray());
    }

    /** The parameter types of {@code signature}: {@code "f(address,uint256)"} gives address and uint256. */
    static List<String> types(String signature) {
        String inside = signature.substring(signature.indexOf('(') + 1, signature.lastIndexOf(')'));
        return inside.isEmpty() ? List.of() : List.of(inside.split(","));
    }

    private static byte[] staticWord(String type, Object value) {
        if (type.equals("address")) {
            return word(new BigInteger(hexDigits((String) value), 16));
        }
        if (type.equals("bool")) {
            return word((Boolean) value ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (type.startsWith("uint") || type.startsWith("int")) {
            BigInteger number = value instanceof BigInteger big
                    ? big
                    : BigInteger.valueOf(((Number) value)
                            .longValue());
            if (type.startsWith("uint") && number.signum() < 0) {
                throw new IllegalArgumentException(type + " cannot hold " + number);
            }
            return word(number);
        }
        if (type.startsWith("bytes")) {
            byte[] bytes = value instanceof byte[] raw ? raw : HEX.parseHex(hexDigits((String) value));
            return Arrays.copyOf(bytes, WORD); // bytesN are left-aligned
        }
        throw new IllegalArgumentException("unsupported ABI type " + type);
    }

    /** {@code value} as a 32-byte big-endian word, two's complement when negative. */
    private static byte[] word(BigInteger value) {
        byte[] minimal = value.toByteArray();
        if (minimal.length > WORD + 1 || (minimal.length == WORD + 1 && minimal[0] != 0)) {
            throw new IllegalArgumentException(value + " does not fit in 256 bits");
        }
        byte[] word = new byte[WORD];
        Arrays.fill(word, value.signum() < 0 ? (byte) 0xff : 0);
        int length = Math.min(minimal.length, WORD);
        System.arraycopy(minimal, minimal.length - length, word, WORD - length, length);
        return word;
    }

    private static String hexDigits(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    /** Word {@code index} (0-based) of an ABI-encoded result as an unsigned integer. */
    public static BigInteger uintAt(String result, int index) {
        return new BigInteger(1, wordAt(result, index));
    }

    /** Word {@code index} of an ABI-encoded result as a signed ({@code intN}) integer. */
    public static BigInteger intAt(String result, int index) {
        return new BigInteger(wordAt(result, index));
    }

    /** Word {@code index} of an ABI-encoded result as an address, {@code 0x} and 40 lower-case hex digits. */
    public static String addressAt(String result, int index) {
        return "0x" + HEX.formatHex(Arrays.copyOfRange(wordAt(result, index), WORD - 20, WORD));
    }

    /** Word {@code index} of an ABI-encoded result as a {@code bool}. */
    public static boolean boolAt(String result, int index) {
        return uintAt(result, index).signum() != 0;
    }

    /** Word {@code index} of an ABI-encoded result as {@code bytes32}, {@code 0x} and 64 hex digits. */
    public static String bytes32At(String result, int index) {
        return "0x" + HEX.formatHex(wordAt(result, index));
    }

    /** The {@code string} whose offset is word {@code index} of an ABI-encoded result, decoded as UTF-8. */
    public static String stringAt(String result, int index) {
        byte[] data = HEX.parseHex(hexDigits(result));
        int offset = uintAt(result, index).intValueExact();
        int length = new BigInteger(1, Arrays.copyOfRange(data, offset, offset + WORD)).intValueExact();
        return new String(data, offset + WORD, length, StandardCharsets.UTF_8);
    }

    private static byte[] wordAt(String result, int index) {
        byte[] data = HEX.parseHex(hexDigits(result));
        if (data.length < (index + 1) * WORD) {
            throw new IllegalArgumentException("no word " + index + " in a " + data.length + "-byte result: "
                    + result);
        }
        return Arrays.copyOfRange(data, index * WORD, (index + 1) * WORD);
    }
}
