package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.ingestor.BlockJson.RawBlock;
import io.chainwatch.ingestor.BlockJson.RawReceipt;
import io.chainwatch.ingestor.BlockJson.RawTx;
import io.chainwatch.ingestor.rpc.JsonRpcCall;
import io.chainwatch.schema.TxStatus;

/**
 * The streaming parse against answers recorded from anvil (a legacy transfer worth more than 2^64 wei, a type-2
 * contract creation whose constructor logs a {@code Transfer}, a reverted creation) and ganache (all four in one
 * block, receipts one by one): each read exactly as web3j's object mapping reads the same bytes. Then the quirks of
 * nodes, one by one.
 */
class BlockJsonTest {

    private static final ObjectMapper WEB3J = ObjectMapperFactory.getObjectMapper();
    private static final JsonFactory JSON = new JsonFactory();

    @ParameterizedTest
    @ValueSource(strings = {"anvil", "anvil-creation", "anvil-revert", "ganache"})
    void shouldReadARecordedBlockAndItsReceiptsAsWeb3jDoes(String node) throws IOException {
        byte[] blockJson = resource(node + "-block.json");
        byte[] receiptsJson = resource(node + "-receipts.json");
        RawBlock block = result(blockJson, BlockJson::block);
        List<RawReceipt> receipts = result(receiptsJson,
                BlockJson::receipts);
        EthBlock.Block web3jBlock = WEB3J.readValue(blockJson, EthBlock.class).getBlock();
        List<TransactionReceipt> web3jReceipts = WEB3J.readValue(receiptsJson, EthGetBlockReceipts.class)
                .getResult();

        assertThat(block.number()).isEqualTo(web3jBlock.getNumber().longValueExact());
        assertThat(block.hash()).isEqualTo(lower(web3jBlock.getHash()));
        assertThat(block.parentHash()).isEqualTo(lower(web3jBlock.getParentHash()));
        assertThat(block.timestamp()).isEqualTo(web3jBlock.getTimestamp().longValueExact());
        assertThat(block.transactions()).hasSameSizeAs(web3jBlock.getTransactions()).isNotEmpty();
        for (int i = 0; i < block.transactions().size(); i++) {
            RawTx tx = block.transactions().get(i);
            Transaction expected = (Transaction) web3jBlock.getTransactions().get(i).get();
            assertThat(tx.hash()).isEqualTo(lower(expected.getHash()));
            assertThat(tx.index()).isEqualTo(expected.getTransactionIndex().intValueExact());
            assertThat(tx.from()).isEqualTo(lower(expected.getFrom()));
            assertThat(tx.to()).isEqualTo(lower(expected.getTo()));
            assertThat(tx.value()).isEqualTo(expected.getValue().toString());
            assertThat(tx.nonce()).isEqualTo(expected.getNonce().longValueExact());
            assertThat(tx.gasPrice()).isEqualTo(expected.getGasPriceRaw() == null
                    ? null
                    : expected.getGasPrice().toString());
        }
        assertThat(receipts).hasSameSizeAs(web3jReceipts);
        for (int i = 0; i < receipts.size(); i++) {
            RawReceipt receipt = receipts.get(i);
            TransactionReceipt expected = web3jReceipts.get(i);
            assertThat(receipt.transactionHash()).isEqualTo(lower(expected.getTransactionHash()));
            assertThat(receipt.blockHash()).isEqualTo(lower(expected.getBlockHash())).isEqualTo(block.hash());
            assertThat(receipt.status()).isEqualTo(expected.isStatusOK() ? TxStatus.SUCCESS : TxStatus.FAILED);
            assertThat(receipt.gasUsed()).isEqualTo(expected.getGasUsed().longValueExact());
            assertThat(receipt.effectiveGasPrice()).isEqualTo(new BigInteger(expected.getEffectiveGasPrice()
                    .substring(2), 16).toString());
            assertThat(receipt.contractAddress()).isEqualTo(lower(expected.getContractAddress()));
            assertThat(receipt.logs()).hasSameSizeAs(expected.getLogs());
            for (int l = 0; l < receipt.logs().size(); l++) {
                assertThat(receipt.logs().get(l).logIndex()).isEqualTo(expected.getLogs().get(l).getLogIndex()
                        .intValueExact());
                assertThat(receipt.logs().get(l).address()).isEqualTo(lower(expected.getLogs().get(l).getAddress()));
                assertThat(receipt.logs().get(l).topics()).isEqualTo(expected.getLogs().get(l).getTopics());
                assertThat(receipt.logs().get(l).data()).isEqualTo(expected.getLogs().get(l).getData());
            }
        }
    }

    @Test
    void shouldMapTheRecordedCreationWithItsLoggedTransferAndTheRevertWithNone() throws IOException {
        RawBlock created = result(resource(
                "anvil-creation-block.json"), BlockJson::block);
        var event = BlockMapper.map("devnet", created, result(
                resource("anvil-creation-receipts.json"), BlockJson::receipts), false, 1L).event();
        var tx = event.getTransactions().get(0);
        assertThat(tx.getTo()).isNull();
        assertThat(tx.getContractCreated()).startsWith("0x").hasSize(42);
        assertThat(tx.getTokenTransfers()).singleElement().satisfies(t -> {
            assertThat(t.getAmount()).isEqualTo("123456789");
            assertThat(t.getToken()).isEqualTo(tx.getContractCreated());
        });
        RawBlock reverted = result(resource("anvil-revert-block.json"),
                BlockJson::block);
        var failed = BlockMapper.map("devnet", reverted, result(
                resource("anvil-revert-receipts.json"), BlockJson::receipts), false, 1L).event().getTransactions()
                .get(0);
        assertThat(failed.getStatus()).isEqualTo(TxStatus.FAILED);
        assertThat(failed.getValue()).isEqualTo("0");
    }

    @Test
    void shouldReadEveryTransactionTypeSkippingWhatItDoesNotNeed() throws IOException {
        RawTx blob = tx("{\"type\":\"0x3\",\"hash\":\"0xAB\",\"transactionIndex\":\"0x1\",\"from\":\"0xF0\","
                + "\"to\":\"0xCD\",\"value\":\"0x0\",\"nonce\":\"0x9\",\"maxFeePerBlobGas\":\"0x1\","
                + "\"blobVersionedHashes\":[\"0x01aa\"],\"accessList\":[{\"address\":\"0x1\",\"storageKeys\":[]}],"
                + "\"data\":\"0xdeadbeef\",\"gasPrice\":\"0x3b9aca00\"}");
        assertThat(blob).isEqualTo(new RawTx("0xab", 1, "0xf0", "0xcd", "0", 9, "1000000000"));
        // no "to" at all (as some nodes leave it out on a creation), no gasPrice, a value of 2^256 - 1
        RawTx creation = tx("{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"0x"
                + "f".repeat(64) + "\",\"nonce\":\"0x0\",\"input\":\"0x60\"}");
        assertThat(creation.to()).isNull();
        assertThat(creation.gasPrice()).isNull();
        assertThat(creation.value()).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString());
        // quantities as JSON numbers, as some test nodes send them
        assertThat(tx("{\"hash\":\"0x1\",\"transactionIndex\":3,\"from\":\"0x2\",\"to\":null,\"value\":10,"
                + "\"nonce\":7}")).isEqualTo(new RawTx("0x1", 3, "0x2", null, "10", 7, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a field the mapper needs, missing
            "{\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"0x0\",\"nonce\":\"0x0\"}",
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"value\":\"0x0\",\"nonce\":\"0x0\"}",
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"nonce\":\"0x0\"}",
            // quantities that are not 0x-hex: empty, decimal text, a stray character
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"0x\",\"nonce\":\"0x0\"}",
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"12\",\"nonce\":\"0x0\"}",
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"0x1g\",\"nonce\":\"0x0\"}",
            // a nonce beyond a long
            "{\"hash\":\"0x1\",\"transactionIndex\":\"0x0\",\"from\":\"0x2\",\"value\":\"0x0\",\"nonce\":\"0x1"
                    + "0000000000000000\"}",
            // a hash only: the block was asked for without its transactions
            "\"0xabc\""})
    void shouldRefuseATransactionItCannotReadFully(String json) {
        assertThatThrownBy(() -> tx(json)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldSkipRemovedLogsAndReadReceiptsWithoutStatusOrLogs() throws IOException {
        RawReceipt receipt = receipt("{\"transactionHash\":\"0xAA\",\"status\":\"0x1\",\"gasUsed\":\"0x5208\","
                + "\"logs\":[{\"logIndex\":\"0x0\",\"address\":\"0xT\",\"topics\":[\"0xddf2\"],\"data\":\"0x\","
                + "\"removed\":true},{\"logIndex\":\"0x1\",\"address\":\"0xTT\",\"topics\":[],\"data\":\"0x01\","
                + "\"removed\":false}]}");
        assertThat(receipt.status()).isEqualTo(TxStatus.SUCCESS);
        assertThat(receipt.gasUsed()).isEqualTo(21_000);
        assertThat(receipt.logs()).singleElement().satisfies(log -> {
            assertThat(log.logIndex()).isEqualTo(1);
            assertThat(log.address()).isEqualTo("0xtt");
        });
        // pre-Byzantium: a state root instead of a status; no logs, no gasUsed, no block hash
        RawReceipt old = receipt("{\"transactionHash\":\"0xAA\",\"root\":\"0x12\",\"logs\":null}");
        assertThat(old).isEqualTo(new RawReceipt("0xaa", null, TxStatus.UNKNOWN, 0, null, null, List.of()));
        assertThat(receipt("{\"transactionHash\":\"0xAA\",\"status\":\"0x0\"}").status()).isEqualTo(
                TxStatus.FAILED);
        assertThatThrownBy(() -> receipt("{\"status\":\"0x1\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> receipt("{\"transactionHash\":\"0xAA\",\"logs\":[{\"address\":\"0x1\"}]}"))
                .isInstanceOf(IOException.class); // a log without its index: pending, not of a mined block
    }

    @Test
    void shouldReadANullBlockOrNullReceiptsAsNone() throws IOException {
        assertThat(BlockJson.block(parser("null"))).isNull();
        assertThat(BlockJson.receipts(parser("null"))).isNull();
        assertThatThrownBy(() -> BlockJson.block(parser("{\"number\":\"0x1\",\"hash\":\"0x2\",\"parentHash\":"
                + "\"0x3\",\"timestamp\":\"0x4\"}"))).isInstanceOf(IOException.class); // no transactions
    }

    /** What {@code reader} makes of the {@code result} of a recorded JSON-RPC answer. */
    private static <T> T result(byte[] answer, JsonRpcCall.ResultReader<T> reader)
            throws IOException {
        try (JsonParser parser = new ObjectMapper().readTree(answer).get("result").traverse()) {
            parser.nextToken();
            return reader.read(parser);
        }
    }

    private static RawTx tx(String json) throws IOException {
        return BlockJson.transaction(parser(json));
    }

    private static RawReceipt receipt(String json) throws IOException {
        return BlockJson.receipt(parser(json));
    }

    private static JsonParser parser(String json) throws IOException {
        JsonParser parser = JSON.createParser(json);
        parser.nextToken();
        return parser;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BlockJsonTest.class.getResourceAsStream("/rpc/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String lower(String hex) {
        return hex == null ? null : hex.toLowerCase(Locale.ROOT);
    }
}
