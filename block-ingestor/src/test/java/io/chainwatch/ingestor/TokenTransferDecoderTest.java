package io.chainwatch.ingestor;

import static io.chainwatch.ingestor.TokenTransferDecoder.TRANSFER;
import static io.chainwatch.ingestor.TokenTransferDecoder.TRANSFER_BATCH;
import static io.chainwatch.ingestor.TokenTransferDecoder.TRANSFER_SINGLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.TokenStandard;
import io.chainwatch.schema.TokenTransfer;

class TokenTransferDecoderTest {

    static final String TOKEN = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
    static final String ALICE = topic("1111111111111111111111111111111111111111");
    static final String BOB = topic("2222222222222222222222222222222222222222");
    static final String OPERATOR = topic("3333333333333333333333333333333333333333");

    static String topic(String address) {
        return "0x" + "0".repeat(24) + address;
    }

    /** The transfers {@link LogDecoder} finds in {@code log} alone. */
    static List<TokenTransfer> decode(RawLog log) {
        List<TokenTransfer> transfers = new ArrayList<>();
        LogDecoder.decode(log, transfers, new ArrayList<>());
        return transfers;
    }

    static String word(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(64 - hex.length()) + hex;
    }

    @Test
    void shouldHoldTheKeccakOfEachEventSignature() {
        assertThat(TRANSFER).isEqualTo(Hash.sha3String("Transfer(address,address,uint256)"));
        assertThat(TRANSFER_SINGLE)
                .isEqualTo(Hash.sha3String("TransferSingle(address,address,address,uint256,uint256)"));
        assertThat(TRANSFER_BATCH)
                .isEqualTo(Hash.sha3String("TransferBatch(address,address,address,uint256[],uint256[])"));
    }

    @Test
    void shouldDecodeErc20TransferFromThreeTopics() {
        List<TokenTransfer> transfers = decode(new RawLog(4, TOKEN, List.of(TRANSFER, ALICE, BOB),
                "0x" + word(1_500_000)));
        assertThat(transfers).singleElement().satisfies(t -> {
            assertThat(t.getStandard()).isEqualTo(TokenStandard.ERC20);
            assertThat(t.getToken()).isEqualTo(TOKEN.toLowerCase());
            assertThat(t.getFrom()).isEqualTo("0x1111111111111111111111111111111111111111");
            assertThat(t.getTo()).isEqualTo("0x2222222222222222222222222222222222222222");
            assertThat(t.getAmount()).isEqualTo("1500000");
            assertThat(t.getLogIndex()).isEqualTo(4);
            assertThat(t.getTokenId()).isNull();
        });
    }

    @Test
    void shouldDecodeErc721TransferFromFourTopics() {
        List<TokenTransfer> transfers = decode(new RawLog(0, TOKEN, List.of(TRANSFER, ALICE, BOB,
                "0x" + word(42)), "0x"));
        assertThat(transfers).singleElement().satisfies(t -> {
            assertThat(t.getStandard()).isEqualTo(TokenStandard.ERC721);
            assertThat(t.getTokenId()).isEqualTo("42");
            assertThat(t.getAmount()).isEqualTo("1");
        });
    }

    @Test
    void shouldDecodeErc1155SingleAndBatch() {
        List<TokenTransfer> single = decode(new RawLog(1, TOKEN, List.of(TRANSFER_SINGLE, OPERATOR,
                ALICE, BOB), "0x" + word(7) + word(3)));
        assertThat(single).singleElement().satisfies(t -> {
            assertThat(t.getStandard()).isEqualTo(TokenStandard.ERC1155);
            assertThat(t.getTokenId()).isEqualTo("7");
            assertThat(t.getAmount()).isEqualTo("3");
        });
        // ids at offset 0x40: [5, 6]; values at offset 0xa0: [10, 20]
        String data = "0x" + word(0x40) + word(0xa0) + word(2) + word(5) + word(6) + word(2) + word(10) + word(20);
        List<TokenTransfer> batch = decode(new RawLog(2, TOKEN, List.of(TRANSFER_BATCH, OPERATOR,
                ALICE, BOB), data));
        assertThat(batch).extracting(TokenTransfer::getTokenId, TokenTransfer::getAmount, TokenTransfer::getBatchIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("5", "10", 0), org.assertj.core.groups.Tuple.tuple(
                        "6", "20", 1));
    }

    @Test
    void shouldSkipMalformedAndUnrelatedLogs() {
        assertThat(decode(new RawLog(0, TOKEN, List.of(TRANSFER, ALICE, BOB), "0x12"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(TRANSFER), "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of("0x" + word(1)), "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(), "0x"))).isEmpty();
        assertThat(decode(new RawLog(0, TOKEN, List.of(TRANSFER_BATCH, OPERATOR, ALICE, BOB), "0x"
                + word(0x40) + word(0xfff) + word(1)))).isEmpty();
    }
}
