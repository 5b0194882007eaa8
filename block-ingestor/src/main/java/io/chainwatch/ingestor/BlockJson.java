package io.chainwatch.ingestor;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.TxStatus;

/**
 * Reads a block with full transactions ({@code eth_getBlockByNumber(n, true)}) and receipts
 * ({@code eth_getBlockReceipts}, {@code eth_getTransactionReceipt}) straight from the JSON stream into what
 * {@link BlockMapper} needs, skipping every other field unread: the ingestor's hot path, where web3j's object mapping
 * (every field of every transaction and receipt into strings, then decoded again) cost most of the time. As strict as
 * web3j's path was: a field the mapper needs that is missing, or a quantity that is not {@code 0x}-hex, fails the
 * block (read again, or from another endpoint) rather than publishing a wrong one. Hex strings are lower-cased,
 * quantities that are amounts become decimal strings. Pure; each method reads one value starting at the parser's
 * current token.
 */
final class BlockJson {

    /** A block as the mapper needs it; {@code transactions} in block order. */
    record RawBlock(long number, String hash, String parentHash, long timestamp, List<RawTx> transactions) {
    }

    /**
     * A transaction: {@code to} null for a contract creation; {@code value} and {@code gasPrice} decimal,
     * {@code gasPrice} null where the node leaves it out.
     */
    record RawTx(String hash, int index, String from, String to, String value, long nonce, String gasPrice) {
    }

    /**
     * A receipt: {@code blockHash} null where the node leaves it out; {@code effectiveGasPrice} decimal or null;
     * {@code logs} without those marked removed.
     */
    record RawReceipt(String transactionHash, String blockHash, TxStatus status, long gasUsed,
            String effectiveGasPrice, String contractAddress, List<RawLog> logs) {
    }

    private BlockJson() {
    }

    /** A block with full transactions, or null for a JSON null (no such block). */
    static RawBlock block(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT, "block");
        Long number = null;
        Long timestamp = null;
        String hash = null;
        String parentHash = null;
        List<RawTx> transactions = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "number" -> number = quantity(p, "block number");
                case "hash" -> hash = hex(p, "block hash");
                case "parentHash" -> parentHash = hex(p, "parentHash");
                case "timestamp" -> timestamp = quantity(p, "timestamp");
                case "transactions" -> transactions = transactions(p);
                default -> p.skipChildren();
            }
        }
        return new RawBlock(required(number, "block number"), required(hash, "block hash"), required(parentHash,
                "parentHash"), required(timestamp, "timestamp"), required(transactions, "transactions"));
    }

    private static List<RawTx> transactions(JsonParser p) throws IOException {
        expect(p, JsonToken.START_ARRAY, "transactions");
        List<RawTx> transactions = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            transactions.add(transaction(p));
        }
        return transactions;
    }

    /** One full transaction object (a bare hash means the block was asked for without them: refused). */
    static RawTx transaction(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "full transaction");
        String hash = null;
        Long index = null;
        String from = null;
        String to = null;
        String value = null;
        Long nonce = null;
        String gasPrice = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "hash" -> hash = hex(p, "tx hash");
                case "transactionIndex" -> index = quantity(p, "transactionIndex");
                case "from" -> from = hex(p, "from");
                case "to" -> to = nullableHex(p, "to");
                case "value" -> value = amount(p, "value");
                case "nonce" -> nonce = quantity(p, "nonce");
                case "gasPrice" -> gasPrice = nullableAmount(p, "gasPrice");
                default -> p.skipChildren();
            }
        }
        return new RawTx(required(hash, "tx hash"), Math.toIntExact(required(index, "transactionIndex")), required(
                from, "from"), to, required(value, "value"), required(nonce, "nonce"), gasPrice);
    }

    /** A block's receipts, or null for a JSON null (the node has none for it). */
    static List<RawReceipt> receipts(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY, "receipts");
        List<RawReceipt> receipts = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            receipts.add(receipt(p));
        }
        return receipts;
    }

    /** One receipt object. */
    static RawReceipt receipt(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "receipt");
        String transactionHash = null;
        String blockHash = null;
        TxStatus status = TxStatus.UNKNOWN; // pre-Byzantium receipts carry a state root instead
        long gasUsed = 0;
        String effectiveGasPrice = null;
        String contractAddress = null;
        List<RawLog> logs = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "transactionHash" -> transactionHash = hex(p, "transactionHash");
                case "blockHash" -> blockHash = nullableHex(p, "blockHash");
                case "status" -> status = p.currentToken() == JsonToken.VALUE_NULL
                        ? TxStatus.UNKNOWN
                        : quantity(p, "status") > 0 ? TxStatus.SUCCESS : TxStatus.FAILED;
                case "gasUsed" -> gasUsed = p.currentToken() == JsonToken.VALUE_NULL ? 0 : quantity(p, "gasUsed");
                case "effectiveGasPrice" -> effectiveGasPrice = nullableAmount(p, "effectiveGasPrice");
                case "contractAddress" -> contractAddress = nullableHex(p, "contractAddress");
                case "logs" -> logs = logs(p);
                default -> p.skipChildren();
            }
        }
        return new RawReceipt(required(transactionHash, "transactionHash"), blockHash, status, gasUsed,
                effectiveGasPrice, contractAddress, logs);
    }

    private static List<RawLog> logs(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, "logs");
        List<RawLog> logs = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "log");
            Long logIndex = null;
            String address = null;
            List<String> topics = List.of();
            String data = "0x";
            boolean removed = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "logIndex" -> logIndex = quantity(p, "logIndex");
                    case "address" -> address = hex(p, "log address");
                    case "topics" -> topics = topics(p);
                    case "data" -> data = p.currentToken() == JsonToken.VALUE_NULL ? "0x" : string(p, "log data");
                    case "removed" -> removed = p.currentToken() == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
            if (!removed) { // a log of a block reorged away since: not part of this receipt
                logs.add(new RawLog(Math.toIntExact(required(logIndex, "logIndex")), required(address,
                        "log address"), topics, data));
            }
        }
        return logs;
    }

    private static List<String> topics(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, "topics");
        List<String> topics = new ArrayList<>(4);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            topics.add(string(p, "topic")); // the decoders compare and parse them as they come
        }
        return topics;
    }

    /**
     * A quantity as a long: {@code 0x}-hex as the JSON-RPC spec has it, or a JSON integer as some test nodes send;
     * anything else fails, as web3j's decoding did.
     */
    static long quantity(JsonParser p, String what) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        String s = string(p, what);
        int digits = hexDigits(s, what);
        if (digits <= 15) {
            return Long.parseLong(s, 2, s.length(), 16);
        }
        try {
            return new BigInteger(s.substring(2), 16).longValueExact();
        } catch (ArithmeticException e) {
            throw new IOException(what + " is beyond a long: " + s);
        }
    }

    /** An amount of any size as a decimal string. */
    static String amount(JsonParser p, String what) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().toString();
        }
        String s = string(p, what);
        int digits = hexDigits(s, what);
        return digits <= 15
                ? Long.toString(Long.parseLong(s, 2, s.length(), 16))
                : new BigInteger(s.substring(2), 16).toString();
    }

    private static String nullableAmount(JsonParser p, String what) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : amount(p, what);
    }

    /** The number of hex digits after {@code 0x}; fails on anything else (an empty "0x" included, as web3j). */
    private static int hexDigits(String s, String what) throws IOException {
        if (s.length() < 3 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
            throw new IOException(what + " is not a hex quantity: " + s);
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw new IOException(what + " is not a hex quantity: " + s);
            }
        }
        return s.length() - 2;
    }

    private static String hex(JsonParser p, String what) throws IOException {
        return string(p, what).toLowerCase(Locale.ROOT);
    }

    private static String nullableHex(JsonParser p, String what) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : hex(p, what);
    }

    private static String string(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException(what + " is not a string: " + p.currentToken());
        }
        return p.getText();
    }

    private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) {
            throw new IOException(what + ": expected " + token + ", got " + p.currentToken());
        }
    }

    private static <T> T required(T value, String what) throws IOException {
        if (value == null) {
            throw new IOException(what + " missing");
        }
        return value;
    }
}
