package io.chainwatch.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.InternalTransfer;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TokenStandard;
import io.chainwatch.schema.TokenTransfer;
import io.chainwatch.schema.TxStatus;
import io.chainwatch.schema.WatchFilters;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;

/** Test-data builders: blocks, transactions and watchers that read like the scenario they describe. */
final class Fixtures {

    /** Block time used by default: 2025-01-01T00:00:00Z, also the test driver's initial wall clock. */
    static final long T0_SECONDS = 1_735_689_600L;

    static final String ALICE = address("a11ce");
    static final String BOB = address("b0b");
    static final String CAROL = address("ca201");
    static final String TOKEN = address("70ce7");
    static final String NFT = address("4f7");

    private Fixtures() {
    }

    /** A 0x address ending in {@code suffix}, zero-padded. */
    static String address(String suffix) {
        return "0x" + "0".repeat(40 - suffix.length()) + suffix;
    }

    static String txHash(String suffix) {
        return "0x" + "0".repeat(64 - suffix.length()) + suffix;
    }

    static String blockHash(long number, String fork) {
        return txHash("b" + number + fork);
    }

    static BlockBuilder applied(String chain, long number) {
        return new BlockBuilder(chain, BlockEventType.APPLIED, number);
    }

    static BlockEvent reverted(String chain, long number, String fork) {
        return new BlockBuilder(chain, BlockEventType.REVERTED, number).fork(fork).build();
    }

    static TxBuilder tx(String hashSuffix) {
        return new TxBuilder(txHash(hashSuffix));
    }

    static WatcherBuilder watcher(long chatId) {
        return new WatcherBuilder(chatId);
    }

    static Watchers watchersOf(String chain, String address, WatcherBuilder... watchers) {
        return Watchers.newBuilder().setChain(chain).setTarget(WatchTarget.ADDRESS).setValue(address)
                .setWatchers(Arrays.stream(watchers).map(WatcherBuilder::build).toList()).build();
    }

    static Watchers trackersOf(String chain, String hash, WatcherBuilder... watchers) {
        return Watchers.newBuilder().setChain(chain).setTarget(WatchTarget.TX).setValue(hash)
                .setWatchers(Arrays.stream(watchers).map(WatcherBuilder::build).toList()).build();
    }

    static final class BlockBuilder {
        private final String chain;
        private final BlockEventType type;
        private final long number;
        private String fork = "a";
        private long timestamp = T0_SECONDS;
        private boolean backfill;
        private final List<ChainTransaction> txs = new ArrayList<>();

        BlockBuilder(String chain, BlockEventType type, long number) {
            this.chain = chain;
            this.type = type;
            this.number = number;
            this.timestamp = T0_SECONDS + number;
        }

        /** Which fork the block is on: blocks of the same number on different forks have different hashes. */
        BlockBuilder fork(String name) {
            this.fork = name;
            return this;
        }

        BlockBuilder timestamp(long seconds) {
            this.timestamp = seconds;
            return this;
        }

        BlockBuilder backfill() {
            this.backfill = true;
            return this;
        }

        BlockBuilder with(TxBuilder... transactions) {
            for (TxBuilder t : transactions) {
                txs.add(t.build(txs.size()));
            }
            return this;
        }

        BlockEvent build() {
            return BlockEvent.newBuilder().setChain(chain).setType(type).setNumber(number)
                    .setHash(blockHash(number, fork)).setParentHash(blockHash(number - 1, "a")).setTimestamp(timestamp)
                    .setTransactions(txs).setBackfill(backfill).setObservedAtMillis(timestamp * 1000 + 500).build();
        }
    }

    static final class TxBuilder {
        private final String hash;
        private String from = ALICE;
        private String to = BOB;
        private String value = "0";
        private TxStatus status = TxStatus.SUCCESS;
        private String created;
        private final List<TokenTransfer> tokens = new ArrayList<>();
        private final List<InternalTransfer> internals = new ArrayList<>();
        private final List<TokenApproval> approvals = new ArrayList<>();
        private long gasUsed;
        private String gasPrice = "0";

        TxBuilder(String hash) {
            this.hash = hash;
        }

        TxBuilder from(String address) {
            this.from = address;
            return this;
        }

        TxBuilder to(String address) {
            this.to = address;
            return this;
        }

        TxBuilder value(String wei) {
            this.value = wei;
            return this;
        }

        TxBuilder failed() {
            this.status = TxStatus.FAILED;
            return this;
        }

        TxBuilder deploys(String contract) {
            this.to = null;
            this.created = contract;
            return this;
        }

        TxBuilder erc20(int logIndex, String sender, String receiver, String amount) {
            tokens.add(TokenTransfer.newBuilder().setLogIndex(logIndex).setToken(TOKEN).setStandard(TokenStandard.ERC20)
                    .setFrom(sender).setTo(receiver).setAmount(amount).build());
            return this;
        }

        TxBuilder erc721(int logIndex, String sender, String receiver, String tokenId) {
            tokens.add(TokenTransfer.newBuilder().setLogIndex(logIndex).setToken(NFT).setStandard(
                    TokenStandard.ERC721).setFrom(sender).setTo(receiver).setAmount("1").setTokenId(tokenId).build());
            return this;
        }

        TxBuilder erc1155Batch(int logIndex, String sender, String receiver, String... idAmountPairs) {
            for (int i = 0; i < idAmountPairs.length; i += 2) {
                tokens.add(TokenTransfer.newBuilder().setLogIndex(logIndex).setBatchIndex(i / 2).setToken(NFT)
                        .setStandard(TokenStandard.ERC1155).setFrom(sender).setTo(receiver).setTokenId(
                                idAmountPairs[i])
                        .setAmount(idAmountPairs[i + 1]).build());
            }
            return this;
        }

        /** An ERC-20 {@code Approval} of {@link #TOKEN} by {@code owner} for {@code spender}. */
        TxBuilder approve(int logIndex, String owner, String spender, String amount) {
            approvals.add(TokenApproval.newBuilder().setLogIndex(logIndex).setStandard(ApprovalStandard.ERC20)
                    .setToken(TOKEN).setOwner(owner).setSpender(spender).setAmount(amount).setApproved(!amount.equals(
                            "0"))
                    .build());
            return this;
        }

        /** An {@code ApprovalForAll} of the {@link #NFT} collection. */
        TxBuilder approveAll(int logIndex, String owner, String operator, boolean approved) {
            approvals.add(TokenApproval.newBuilder().setLogIndex(logIndex).setStandard(ApprovalStandard.OPERATOR)
                    .setToken(NFT).setOwner(owner).setSpender(operator).setApproved(approved).build());
            return this;
        }

        TxBuilder gas(long used, String priceWei) {
            this.gasUsed = used;
            this.gasPrice = priceWei;
            return this;
        }

        TxBuilder internal(int traceIndex, String sender, String receiver, String wei) {
            internals.add(InternalTransfer.newBuilder().setTraceIndex(traceIndex).setFrom(sender).setTo(receiver)
                    .setValue(wei).build());
            return this;
        }

        ChainTransaction build(int index) {
            return ChainTransaction.newBuilder().setHash(hash).setIndex(index).setFrom(from).setTo(to).setValue(value)
                    .setNonce(index).setStatus(status).setContractCreated(created).setTokenTransfers(tokens)
                    .setInternalTransfers(internals).setApprovals(approvals).setGasUsed(gasUsed).setEffectiveGasPrice(
                            gasPrice)
                    .build();
        }
    }

    static final class WatcherBuilder {
        private final long chatId;
        private Integer confirmations;
        private String label;
        private final WatchFilters.Builder filters = WatchFilters.newBuilder();
        private boolean hasFilters;

        WatcherBuilder(long chatId) {
            this.chatId = chatId;
        }

        WatcherBuilder confirmations(int n) {
            this.confirmations = n;
            return this;
        }

        WatcherBuilder label(String text) {
            this.label = text;
            return this;
        }

        WatcherBuilder quietHours(String text) {
            filters.setQuietHours(text);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noIncoming() {
            filters.setIncoming(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noOutgoing() {
            filters.setOutgoing(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noNative() {
            filters.setNativeTransfers(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noTokens() {
            filters.setTokens(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noNfts() {
            filters.setNfts(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder minNativeWei(String wei) {
            filters.setMinNativeWei(wei);
            hasFilters = true;
            return this;
        }

        WatcherBuilder noApprovals() {
            filters.setApprovals(false);
            hasFilters = true;
            return this;
        }

        WatcherBuilder hideSpam() {
            filters.setHideSpam(true);
            hasFilters = true;
            return this;
        }

        Watcher build() {
            return Watcher.newBuilder().setChatId(chatId).setWatchId(chatId * 10).setLabel(label).setConfirmations(
                    confirmations).setFilters(hasFilters ? filters.build() : null).build();
        }
    }
}
