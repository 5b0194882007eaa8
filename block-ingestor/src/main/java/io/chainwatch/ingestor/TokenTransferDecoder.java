package io.chainwatch.ingestor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chainwatch.schema.TokenStandard;
import io.chainwatch.schema.TokenTransfer;

/**
 * Decodes token movements from receipt logs, without an ABI library: ERC-20 and ERC-721 {@code Transfer} (told apart
 * by the number of indexed topics), ERC-1155 {@code TransferSingle} and {@code TransferBatch}. {@link LogDecoder} picks
 * the method by topic0; each returns nothing for a log of the wrong shape and may throw on one it cannot parse (short
 * data, bad offsets), which {@link LogDecoder} skips: logs are untrusted input.
 */
final class TokenTransferDecoder {

    /** keccak256("Transfer(address,address,uint256)"): ERC-20 (3 topics) and ERC-721 (4 topics). */
    static final String TRANSFER = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    /** keccak256("TransferSingle(address,address,address,uint256,uint256)"). */
    static final String TRANSFER_SINGLE = "0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62";
    /** keccak256("TransferBatch(address,address,address,uint256[],uint256[])"). */
    static final String TRANSFER_BATCH = "0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb";

    /** A receipt log reduced to what decoding needs. */
    record RawLog(int logIndex, String address, List<String> topics, String data) {
    }

    private TokenTransferDecoder() {
    }

    /** {@code Transfer}: ERC-20 (3 topics) or ERC-721 (4 topics). */
    static List<TokenTransfer> transfer(RawLog log) {
        String token = token(log);
        List<String> topics = log.topics();
        if (topics.size() == 3) {
            BigInteger amount = word(log.data(), 0);
            return List.of(build(log, 0, token, TokenStandard.ERC20, topics.get(1), topics.get(2), amount, null));
        }
        if (topics.size() == 4) {
            return List.of(build(log, 0, token, TokenStandard.ERC721, topics.get(1), topics.get(2), BigInteger.ONE,
                    new BigInteger(strip(topics.get(3)), 16)));
        }
        return List.of();
    }

    static List<TokenTransfer> transferSingle(RawLog log) {
        List<String> topics = log.topics();
        if (topics.size() != 4) {
            return List.of();
        }
        String token = token(log);
        return List.of(build(log, 0, token, TokenStandard.ERC1155, topics.get(2), topics.get(3), word(log.data(), 1),
                word(log.data(), 0)));
    }

    static List<TokenTransfer> transferBatch(RawLog log) {
        List<String> topics = log.topics();
        if (topics.size() != 4) {
            return List.of();
        }
        String token = token(log);
        String data = log.data();
        int idsAt = word(data, 0).divide(BigInteger.valueOf(32)).intValueExact();
        int valuesAt = word(data, 1).divide(BigInteger.valueOf(32)).intValueExact();
        int count = word(data, idsAt).intValueExact();
        if (count != word(data, valuesAt).intValueExact() || count > 10_000) {
            return List.of();
        }
        List<TokenTransfer> transfers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            transfers.add(build(log, i, token, TokenStandard.ERC1155, topics.get(2), topics.get(3), word(data, valuesAt
                    + 1 + i), word(data, idsAt + 1 + i)));
        }
        return transfers;
    }

    private static TokenTransfer build(RawLog log, int batchIndex, String token, TokenStandard standard, String from,
            String to, BigInteger amount, BigInteger tokenId) {
        return TokenTransfer.newBuilder().setLogIndex(log.logIndex()).setBatchIndex(batchIndex).setToken(token)
                .setStandard(standard).setFrom(topicAddress(from)).setTo(topicAddress(to)).setAmount(amount.toString())
                .setTokenId(tokenId == null ? null : tokenId.toString()).build();
    }

    private static String token(RawLog log) {
        return log.address().toLowerCase(Locale.ROOT);
    }

    /** The 32-byte word at {@code index} of hex {@code data}, as an unsigned integer. */
    static BigInteger word(String data, int index) {
        String hex = strip(data);
        int from = index * 64;
        if (index < 0 || hex.length() < from + 64) {
            throw new IllegalArgumentException("log data too short for word " + index);
        }
        return new BigInteger(hex.substring(from, from + 64), 16);
    }

    /** An address stored in an indexed topic: the last 20 bytes, lower case. */
    static String topicAddress(String topic) {
        String hex = strip(topic);
        if (hex.length() != 64) {
            throw new IllegalArgumentException("topic is not 32 bytes");
        }
        return "0x" + hex.substring(24).toLowerCase(Locale.ROOT);
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
