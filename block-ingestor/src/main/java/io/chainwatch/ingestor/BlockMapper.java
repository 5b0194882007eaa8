package io.chainwatch.ingestor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.InternalTransfer;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenTransfer;
import io.chainwatch.schema.TxStatus;

/** Maps a web3j block with full transactions and its receipts to an APPLIED {@link BlockEvent}. Pure. */
final class BlockMapper {

    private BlockMapper() {
    }

    static FetchedBlock map(String chain, EthBlock.Block block, List<TransactionReceipt> receipts, boolean backfill,
            long observedAtMillis) {
        return map(chain, block, receipts, Map.of(), backfill, observedAtMillis);
    }

    static FetchedBlock map(String chain, EthBlock.Block block, List<TransactionReceipt> receipts,
            Map<String, List<InternalTransfer>> internalByTx, boolean backfill, long observedAtMillis) {
        Map<String, TransactionReceipt> byHash = new HashMap<>();
        for (TransactionReceipt receipt : receipts) {
            byHash.put(receipt.getTransactionHash().toLowerCase(Locale.ROOT), receipt);
        }
        List<ChainTransaction> transactions = new ArrayList<>(block.getTransactions().size());
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
            Transaction tx = (Transaction) result.get();
            TransactionReceipt receipt = byHash.get(tx.getHash().toLowerCase(Locale.ROOT));
            if (receipt == null) {
                throw new IllegalStateException(chain + " block " + block.getNumber() + ": no receipt for tx " + tx
                        .getHash());
            }
            transactions.add(transaction(tx, receipt, internalByTx.getOrDefault(tx.getHash().toLowerCase(Locale.ROOT),
                    List.of())));
        }
        String hash = lower(block.getHash());
        String parentHash = lower(block.getParentHash());
        BlockEvent event = BlockEvent.newBuilder().setChain(chain).setType(BlockEventType.APPLIED).setNumber(block
                .getNumber().longValueExact()).setHash(hash).setParentHash(parentHash).setTimestamp(block.getTimestamp()
                        .longValueExact())
                .setTransactions(transactions).setBackfill(backfill).setObservedAtMillis(
                        observedAtMillis)
                .build();
        return new FetchedBlock(event.getNumber(), hash, parentHash, event);
    }

    static ChainTransaction transaction(Transaction tx, TransactionReceipt receipt, List<InternalTransfer> internal) {
        TxStatus status = status(receipt);
        List<TokenTransfer> tokens = new ArrayList<>();
        List<TokenApproval> approvals = new ArrayList<>();
        if (status != TxStatus.FAILED) { // a reverted transaction's logs were rolled back with it
            for (Log log : receipt.getLogs()) {
                if (log.isRemoved()) {
                    continue;
                }
                LogDecoder.decode(new TokenTransferDecoder.RawLog(log.getLogIndex().intValueExact(), log.getAddress(),
                        log.getTopics(), log.getData()), tokens, approvals);
            }
        }
        return ChainTransaction.newBuilder().setHash(lower(tx.getHash())).setIndex(tx.getTransactionIndex()
                .intValueExact()).setFrom(lower(tx.getFrom())).setTo(tx.getTo() == null ? null : lower(tx.getTo()))
                .setValue(tx.getValue().toString()).setNonce(tx.getNonce().longValueExact()).setStatus(status)
                .setGasUsed(receipt.getGasUsed() == null ? 0 : receipt.getGasUsed().longValueExact())
                .setEffectiveGasPrice(
                        effectiveGasPrice(tx, receipt))
                .setContractCreated(receipt.getContractAddress() == null
                        ? null
                        : lower(receipt.getContractAddress()))
                .setTokenTransfers(tokens).setInternalTransfers(internal).setApprovals(approvals)
                .build();
    }

    private static TxStatus status(TransactionReceipt receipt) {
        String status = receipt.getStatus();
        if (status == null) {
            return TxStatus.UNKNOWN; // pre-Byzantium receipts carry a state root instead
        }
        return new BigInteger(status.substring(2).isEmpty() ? "0" : status.substring(2), 16).signum() == 1
                ? TxStatus.SUCCESS
                : TxStatus.FAILED;
    }

    private static String effectiveGasPrice(Transaction tx, TransactionReceipt receipt) {
        String raw = receipt.getEffectiveGasPrice();
        if (raw != null && raw.startsWith("0x")) {
            return new BigInteger(raw.substring(2).isEmpty() ? "0" : raw.substring(2), 16).toString();
        }
        return tx.getGasPrice() == null ? "0" : tx.getGasPrice().toString();
    }

    private static String lower(String hex) {
        return hex == null ? null : hex.toLowerCase(Locale.ROOT);
    }
}
