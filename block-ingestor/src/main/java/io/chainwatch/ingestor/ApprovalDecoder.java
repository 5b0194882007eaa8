package io.chainwatch.ingestor;

import static io.chainwatch.ingestor.TokenTransferDecoder.topicAddress;
import static io.chainwatch.ingestor.TokenTransferDecoder.word;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;

/**
 * Decodes allowances granted or revoked from receipt logs, without an ABI library: ERC-20 and ERC-721
 * {@code Approval} (told apart by the number of indexed topics, as {@code Transfer} is), {@code ApprovalForAll}
 * (ERC-721 and ERC-1155), and Uniswap Permit2's {@code Approval} and {@code Permit}, counted only when emitted by the
 * canonical Permit2 contract since any contract can emit any event. {@link LogDecoder} picks the method by topic0; each
 * returns nothing for a log of the wrong shape (topic count, data length, a value out of its type's range) and may
 * throw on one it cannot parse, which {@link LogDecoder} skips.
 */
final class ApprovalDecoder {

    /** keccak256("Approval(address,address,uint256)"): ERC-20 (3 topics) and ERC-721 (4 topics). */
    static final String APPROVAL = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";
    /** keccak256("ApprovalForAll(address,address,bool)"). */
    static final String APPROVAL_FOR_ALL = "0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31";
    /** keccak256("Approval(address,address,address,uint160,uint48)"): Permit2's {@code approve}. */
    static final String PERMIT2_APPROVAL = "0xda9fa7c1b00402c17d0161b249b1ab8bbec047c5a52207b9c112deffd817036b";
    /** keccak256("Permit(address,address,address,uint160,uint48,uint48)"): Permit2's signed {@code permit}. */
    static final String PERMIT2_PERMIT = "0xc6a377bfc4eb120024a8ac08eef205be16b817020812c73223e81d1bdb9708ec";
    /** Uniswap's Permit2, deployed with CREATE2 at the same address on every chain. */
    static final String PERMIT2 = "0x000000000022d473030f116ddee9f6b43ac78ba3";

    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final int UINT160_BITS = 160;
    private static final int UINT48_BITS = 48;

    private ApprovalDecoder() {
    }

    /** {@code Approval}: ERC-20 with the value in data, or ERC-721 with the token id as the fourth topic. */
    static List<TokenApproval> approval(RawLog log) {
        List<String> topics = log.topics();
        if (topics.size() == 3 && words(log.data()) == 1) {
            BigInteger value = word(log.data(), 0);
            return List.of(build(log, ApprovalStandard.ERC20, token(log), topics.get(1), topics.get(2)).setAmount(value
                    .toString()).setApproved(value.signum() != 0).build());
        }
        if (topics.size() == 4 && words(log.data()) == 0) {
            String approved = topicAddress(topics.get(2));
            return List.of(build(log, ApprovalStandard.ERC721, token(log), topics.get(1), topics.get(2)).setTokenId(
                    topicWord(topics.get(3)).toString()).setApproved(!approved.equals(ZERO_ADDRESS)).build());
        }
        return List.of();
    }

    /** {@code ApprovalForAll(owner, operator, approved)}: the operator may move all the owner's tokens, or no longer. */
    static List<TokenApproval> approvalForAll(RawLog log) {
        List<String> topics = log.topics();
        if (topics.size() != 3 || words(log.data()) != 1) {
            return List.of();
        }
        BigInteger approved = word(log.data(), 0);
        if (approved.bitLength() > 1) {
            return List.of(); // not an ABI-encoded bool
        }
        return List.of(build(log, ApprovalStandard.OPERATOR, token(log), topics.get(1), topics.get(2)).setApproved(
                approved.signum() != 0).build());
    }

    /**
     * Permit2's {@code Approval(owner, token, spender, amount, expiration)} ({@code dataWords} 2) or
     * {@code Permit(…, nonce)} (3): the allowance is of the token in the second topic, not of Permit2.
     */
    static List<TokenApproval> permit2(RawLog log, int dataWords) {
        List<String> topics = log.topics();
        if (!PERMIT2.equalsIgnoreCase(log.address()) || topics.size() != 4 || words(log.data()) != dataWords) {
            return List.of();
        }
        BigInteger amount = word(log.data(), 0);
        BigInteger expiration = word(log.data(), 1);
        if (amount.bitLength() > UINT160_BITS || expiration.bitLength() > UINT48_BITS) {
            return List.of();
        }
        return List.of(build(log, ApprovalStandard.PERMIT2, topicAddress(topics.get(2)), topics.get(1), topics.get(3))
                .setAmount(amount.toString()).setApproved(amount.signum() != 0)
                .setExpiration(expiration.longValueExact())
                .build());
    }

    private static TokenApproval.Builder build(RawLog log, ApprovalStandard standard, String token, String owner,
            String spender) {
        return TokenApproval.newBuilder().setLogIndex(log.logIndex()).setStandard(standard).setToken(token).setOwner(
                topicAddress(owner)).setSpender(topicAddress(spender)).setAmount(null).setTokenId(null).setExpiration(
                        null);
    }

    private static String token(RawLog log) {
        return log.address().toLowerCase(Locale.ROOT);
    }

    /** How many whole 32-byte words hex {@code data} holds; -1 when it is not a whole number of them. */
    private static int words(String data) {
        int hexDigits = data.startsWith("0x") || data.startsWith("0X") ? data.length() - 2 : data.length();
        return hexDigits % 64 == 0 ? hexDigits / 64 : -1;
    }

    /** A 32-byte topic as an unsigned integer (an indexed {@code uint256}). */
    private static BigInteger topicWord(String topic) {
        if (words(topic) != 1) {
            throw new IllegalArgumentException("topic is not 32 bytes");
        }
        return word(topic, 0);
    }
}
