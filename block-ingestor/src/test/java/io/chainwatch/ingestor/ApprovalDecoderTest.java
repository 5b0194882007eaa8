package io.chainwatch.ingestor;

import static io.chainwatch.ingestor.ApprovalDecoder.APPROVAL;
import static io.chainwatch.ingestor.ApprovalDecoder.APPROVAL_FOR_ALL;
import static io.chainwatch.ingestor.ApprovalDecoder.PERMIT2;
import static io.chainwatch.ingestor.ApprovalDecoder.PERMIT2_APPROVAL;
import static io.chainwatch.ingestor.ApprovalDecoder.PERMIT2_PERMIT;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.ALICE;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.BOB;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.OPERATOR;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.TOKEN;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.topic;
import static io.chainwatch.ingestor.TokenTransferDecoderTest.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenTransfer;

class ApprovalDecoderTest {

    static final String ALICE_ADDRESS = "0x1111111111111111111111111111111111111111";
    static final String BOB_ADDRESS = "0x2222222222222222222222222222222222222222";
    static final String ZERO = topic("0000000000000000000000000000000000000000");
    static final String UINT256_MAX = "f".repeat(64);
    /** Permit2 as a node may spell it, with its EIP-55 checksum. */
    static final String PERMIT2_CHECKSUMMED = "0x000000000022D473030F116dDEE9F6B43aC78BA3";
    static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";

    /** The approvals {@link LogDecoder} finds in {@code log} alone; it must find no transfer there. */
    static List<TokenApproval> decode(RawLog log) {
        List<TokenTransfer> transfers = new ArrayList<>();
        List<TokenApproval> approvals = new ArrayList<>();
        LogDecoder.decode(log, transfers, approvals);
        assertThat(transfers).isEmpty();
        return approvals;
    }

    @Test
    void shouldHoldTheKeccakOfEachEventSignature() {
        assertThat(APPROVAL).isEqualTo(Hash.sha3String("Approval(address,address,uint256)"));
        assertThat(APPROVAL_FOR_ALL).isEqualTo(Hash.sha3String("ApprovalForAll(address,address,bool)"));
        assertThat(PERMIT2_APPROVAL).isEqualTo(Hash.sha3String("Approval(address,address,address,uint160,uint48)"));
        assertThat(PERMIT2_PERMIT).isEqualTo(Hash.sha3String("Permit(address,address,address,uint160,uint48,uint48)"));
        assertThat(PERMIT2).isEqualTo(PERMIT2_CHECKSUMMED.toLowerCase());
    }

    @Test
    void shouldDecodeAnErc20ApprovalFromThreeTopics() {
        List<TokenApproval> approvals = decode(new RawLog(3, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x" + word(
                1_500_000)));
        assertThat(approvals).singleElement().satisfies(a -> {
            assertThat(a.getLogIndex()).isEqualTo(3);
            assertThat(a.getStandard()).isEqualTo(ApprovalStandard.ERC20);
            assertThat(a.getToken()).isEqualTo(TOKEN.toLowerCase());
            assertThat(a.getOwner()).isEqualTo(ALICE_ADDRESS);
            assertThat(a.getSpender()).isEqualTo(BOB_ADDRESS);
            assertThat(a.getAmount()).isEqualTo("1500000");
            assertThat(a.getApproved()).isTrue();
            assertThat(a.getTokenId()).isNull();
            assertThat(a.getExpiration()).isNull();
        });
    }

    @Test
    void shouldDecodeAnUnlimitedErc20ApprovalAsTheFullUint256() {
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x" + UINT256_MAX)))
                .singleElement().satisfies(a -> assertThat(a.getAmount()).isEqualTo(
                        "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
    }

    @Test
    void shouldDecodeAnErc20ApprovalOfZeroAsARevocation() {
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x" + word(0)))).singleElement()
                .satisfies(a -> {
                    assertThat(a.getAmount()).isEqualTo("0");
                    assertThat(a.getApproved()).isFalse();
                });
    }

    @Test
    void shouldDecodeAnErc721ApprovalFromFourTopics() {
        List<TokenApproval> approvals = decode(new RawLog(1, TOKEN, List.of(APPROVAL, ALICE, BOB, "0x" + word(42)),
                "0x"));
        assertThat(approvals).singleElement().satisfies(a -> {
            assertThat(a.getStandard()).isEqualTo(ApprovalStandard.ERC721);
            assertThat(a.getToken()).isEqualTo(TOKEN.toLowerCase());
            assertThat(a.getOwner()).isEqualTo(ALICE_ADDRESS);
            assertThat(a.getSpender()).isEqualTo(BOB_ADDRESS);
            assertThat(a.getTokenId()).isEqualTo("42");
            assertThat(a.getAmount()).isNull();
            assertThat(a.getApproved()).isTrue();
        });
    }

    @Test
    void shouldDecodeAnErc721ApprovalOfTheZeroAddressAsARevocation() {
        assertThat(decode(new RawLog(1, TOKEN, List.of(APPROVAL, ALICE, ZERO, "0x" + word(42)), "0x")))
                .singleElement().satisfies(a -> {
                    assertThat(a.getSpender()).isEqualTo("0x" + "0".repeat(40));
                    assertThat(a.getApproved()).isFalse();
                });
    }

    @Test
    void shouldDecodeApprovalForAllGrantedAndRevoked() {
        List<TokenApproval> granted = decode(new RawLog(5, TOKEN, List.of(APPROVAL_FOR_ALL, ALICE, OPERATOR), "0x"
                + word(1)));
        assertThat(granted).singleElement().satisfies(a -> {
            assertThat(a.getStandard()).isEqualTo(ApprovalStandard.OPERATOR);
            assertThat(a.getToken()).isEqualTo(TOKEN.toLowerCase());
            assertThat(a.getOwner()).isEqualTo(ALICE_ADDRESS);
            assertThat(a.getSpender()).isEqualTo("0x3333333333333333333333333333333333333333");
            assertThat(a.getAmount()).isNull();
            assertThat(a.getTokenId()).isNull();
            assertThat(a.getApproved()).isTrue();
        });
        assertThat(decode(new RawLog(6, TOKEN, List.of(APPROVAL_FOR_ALL, ALICE, OPERATOR), "0x" + word(0))))
                .singleElement().satisfies(a -> assertThat(a.getApproved()).isFalse());
    }

    @Test
    void shouldDecodePermit2ApprovalWithTheApprovedTokenAndExpiration() {
        List<TokenApproval> approvals = decode(new RawLog(7, PERMIT2_CHECKSUMMED, List.of(PERMIT2_APPROVAL, ALICE,
                topic(USDC.substring(2)), BOB), "0x" + word(1_000_000) + word(1_750_000_000L)));
        assertThat(approvals).singleElement().satisfies(a -> {
            assertThat(a.getLogIndex()).isEqualTo(7);
            assertThat(a.getStandard()).isEqualTo(ApprovalStandard.PERMIT2);
            assertThat(a.getToken()).as("the token approved, not Permit2").isEqualTo(USDC);
            assertThat(a.getOwner()).isEqualTo(ALICE_ADDRESS);
            assertThat(a.getSpender()).isEqualTo(BOB_ADDRESS);
            assertThat(a.getAmount()).isEqualTo("1000000");
            assertThat(a.getExpiration()).isEqualTo(1_750_000_000L);
            assertThat(a.getApproved()).isTrue();
        });
    }

    @Test
    void shouldDecodePermit2PermitAndAZeroAmountAsARevocation() {
        List<TokenApproval> permit = decode(new RawLog(2, PERMIT2, List.of(PERMIT2_PERMIT, ALICE, topic(USDC
                .substring(2)), BOB), "0x" + word(0xffff) + word(1_750_000_000L) + word(9)));
        assertThat(permit).singleElement().satisfies(a -> {
            assertThat(a.getStandard()).isEqualTo(ApprovalStandard.PERMIT2);
            assertThat(a.getToken()).isEqualTo(USDC);
            assertThat(a.getAmount()).isEqualTo("65535");
            assertThat(a.getExpiration()).isEqualTo(1_750_000_000L);
        });
        assertThat(decode(new RawLog(2, PERMIT2, List.of(PERMIT2_APPROVAL, ALICE, topic(USDC.substring(2)), BOB), "0x"
                + word(0) + word(0)))).singleElement().satisfies(a -> {
                    assertThat(a.getAmount()).isEqualTo("0");
                    assertThat(a.getApproved()).isFalse();
                });
    }

    @Test
    void shouldIgnorePermit2EventsFromAnyOtherContract() {
        String data = "0x" + word(1_000_000) + word(1_750_000_000L);
        assertThat(decode(new RawLog(0, TOKEN, List.of(PERMIT2_APPROVAL, ALICE, topic(USDC.substring(2)), BOB),
                data))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(PERMIT2_PERMIT, ALICE, topic(USDC.substring(2)), BOB), data
                + word(1)))).isEmpty();
    }

    @Test
    void shouldSkipMalformedApprovalLogs() {
        // wrong topic counts
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE), "0x" + word(1)))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB, "0x" + word(1), "0x" + word(2)),
                "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL_FOR_ALL, ALICE, OPERATOR, "0x" + word(1)), "0x"
                + word(1)))).isEmpty();
        assertThat(decode(new RawLog(0, PERMIT2, List.of(PERMIT2_APPROVAL, ALICE, BOB), "0x" + word(1) + word(
                1)))).isEmpty();
        // wrong data lengths
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x12"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB), "0x" + word(1) + word(2)))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB, "0x" + word(1)), "0x" + word(1))))
                .isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL_FOR_ALL, ALICE, OPERATOR), "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, PERMIT2, List.of(PERMIT2_PERMIT, ALICE, topic(USDC.substring(2)), BOB), "0x"
                + word(1) + word(1)))).isEmpty();
        // values out of their types' range, topics that are not 32 bytes
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL_FOR_ALL, ALICE, OPERATOR), "0x" + word(2))))
                .isEmpty();
        assertThat(decode(new RawLog(0, PERMIT2, List.of(PERMIT2_APPROVAL, ALICE, topic(USDC.substring(2)), BOB),
                "0x" + UINT256_MAX + word(1)))).isEmpty();
        assertThat(decode(new RawLog(0, PERMIT2, List.of(PERMIT2_APPROVAL, ALICE, topic(USDC.substring(2)), BOB),
                "0x" + word(1) + word(1L << 48)))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, "0x1234", BOB), "0x" + word(1)))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL, ALICE, BOB, "0x2a"), "0x"))).isEmpty();
    }

    @Test
    void shouldMatchTheEventSignatureWhateverItsCase() {
        assertThat(decode(new RawLog(0, TOKEN, List.of(APPROVAL.toUpperCase().replace("0X", "0x"), ALICE, BOB), "0x"
                + word(1)))).hasSize(1);
    }
}
