package io.chainwatch.ingestor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.ingestor.BlockJson.RawBlock;
import io.chainwatch.ingestor.BlockJson.RawReceipt;
import io.chainwatch.ingestor.BlockJson.RawTx;
import io.chainwatch.ingestor.TokenTransferDecoder.RawLog;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.InternalTransfer;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenTransfer;
import io.chainwatch.schema.TxStatus;

/**
 * Maps a block with full transactions and its receipts, as {@link BlockJson} read them, to an APPLIED
 * {@link BlockEvent}. Pure.
 */
final class BlockMapper {

    private BlockMapper() {
    }

    static FetchedBlock map(String chain, RawBlock block, List<RawReceipt> receipts, boolean backfill,
            long observedAtMillis) {
        return map(chain, block, receipts, Map.of(), backfill, observedAtMillis);
    }

    static FetchedBlock map(String chain, RawBlock block, List<RawReceipt> receipts,
            Map<String, List<InternalTransfer>> internalByTx, boolean backfill, long observedAtMillis) {
        Map<String, RawReceipt> byHash = HashMap.newHashMap(receipts.size());
        for (RawReceipt receipt : receipts) {
            byHash.put(receipt.transactionHash(), receipt);
        }
        List<ChainTransaction> transactions = new ArrayList<>(block.transactions().size());
        for (RawTx tx : block.transactions()) {
            RawReceipt receipt = byHash.get(tx.hash());
            if (receipt == null) {
                throw new IllegalStateException(chain + " block " + block.number() + ": no receipt for tx " + tx
                        .hash());
            }
            transactions.add(transaction(tx, receipt, internalByTx.getOrDefault(tx.hash(), List.of())));
        }
        BlockEvent event = BlockEvent.newBuilder().setChain(chain).setType(BlockEventType.APPLIED).setNumber(block
                .number()).setHash(block.hash()).setParentHash(block.parentHash()).setTimestamp(block.timestamp())
                .setTransactions(transactions).setBackfill(backfill).setObservedAtMillis(observedAtMillis).build();
        return new FetchedBlock(block.number(), block.hash(), block.parentHash(), event);
    }

    static ChainTransaction transaction(RawTx tx, RawReceipt receipt, List<InternalTransfer> internal) {
        List<TokenTransfer> tokens = new ArrayList<>();
        List<TokenApproval> approvals = new ArrayList<>();
        if (receipt.status() != TxStatus.FAILED) { // a reverted transaction's logs were rolled back with it
            for (RawLog log : receipt.logs()) {
                LogDecoder.decode(log, tokens, approvals);
            }
        }
        return ChainTransaction.newBuilder().setHash(tx.hash()).setIndex(tx.index()).setFrom(tx.from()).setTo(tx
                .to()).setValue(tx.value()).setNonce(tx.nonce()).setStatus(receipt.status()).setGasUsed(receipt
                        .gasUsed())
                .setEffectiveGasPrice(receipt.effectiveGasPrice() != null
                        ? receipt.effectiveGasPrice()
                        : tx.gasPrice() == null ? "0" : tx.gasPrice())
                .setContractCreated(receipt.contractAddress()).setTokenTransfers(tokens).setInternalTransfers(
                        internal)
                .setApprovals(approvals).build();
    }
}
