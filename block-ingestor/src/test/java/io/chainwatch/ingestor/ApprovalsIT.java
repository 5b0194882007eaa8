package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.contracts.Nft;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.TokenApproval;

/**
 * Issue #16: allowances granted and revoked on anvil by the test ERC-20 and ERC-721 contracts arrive in
 * {@code ChainTransaction.approvals} of the published block events. Permit2 cannot be deployed here; the unit tests
 * ({@link ApprovalDecoderTest}) cover it.
 */
class ApprovalsIT extends IngestorOnAnvil {

    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    @Test
    void shouldPublishErc20Erc721AndOperatorApprovalsGrantedAndRevoked() {
        // Given approvals made on chain
        List<String> accounts = anvil.accounts();
        String deployer = accounts.get(0);
        String owner = accounts.get(1).toLowerCase();
        String spender = accounts.get(2).toLowerCase();
        String operator = accounts.get(3).toLowerCase();
        Token token = TestContracts.deployToken(anvil, deployer, "APR", 6);
        Nft nft = TestContracts.deployNft(anvil, deployer, "APN");
        String approve = token.approve(owner, spender, BigInteger.valueOf(2_500_000));
        String unlimited = token.approve(owner, spender, UNLIMITED);
        String minted = nft.mint(owner, BigInteger.valueOf(7));
        String granted = nft.setApprovalForAll(owner, operator, true);
        String revoked = nft.setApprovalForAll(owner, operator, false);
        String single = nft.approve(owner, spender, BigInteger.valueOf(7));

        // When the ingestor publishes the chain
        try (IngestorService service = ingestor(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                    ingested(log, single)).isPresent());
            List<ChainTransaction> transactions = log.events().stream().flatMap(e -> e.getTransactions().stream())
                    .toList();

            // Then each approval is in its transaction, decoded
            assertThat(approval(transactions, approve)).satisfies(a -> {
                assertThat(a.getStandard()).isEqualTo(ApprovalStandard.ERC20);
                assertThat(a.getToken()).isEqualTo(token.address().toLowerCase());
                assertThat(a.getOwner()).isEqualTo(owner);
                assertThat(a.getSpender()).isEqualTo(spender);
                assertThat(a.getAmount()).isEqualTo("2500000");
                assertThat(a.getTokenId()).isNull();
                assertThat(a.getExpiration()).isNull();
                assertThat(a.getApproved()).isTrue();
            });
            assertThat(approval(transactions, unlimited)).satisfies(a -> {
                assertThat(a.getStandard()).isEqualTo(ApprovalStandard.ERC20);
                assertThat(a.getAmount()).isEqualTo(UNLIMITED.toString());
                assertThat(a.getApproved()).isTrue();
            });
            assertThat(approval(transactions, granted)).satisfies(a -> {
                assertThat(a.getStandard()).isEqualTo(ApprovalStandard.OPERATOR);
                assertThat(a.getToken()).isEqualTo(nft.address().toLowerCase());
                assertThat(a.getOwner()).isEqualTo(owner);
                assertThat(a.getSpender()).isEqualTo(operator);
                assertThat(a.getAmount()).isNull();
                assertThat(a.getApproved()).isTrue();
            });
            assertThat(approval(transactions, revoked)).satisfies(a -> {
                assertThat(a.getStandard()).isEqualTo(ApprovalStandard.OPERATOR);
                assertThat(a.getSpender()).isEqualTo(operator);
                assertThat(a.getApproved()).isFalse();
            });
            assertThat(approval(transactions, single)).satisfies(a -> {
                assertThat(a.getStandard()).isEqualTo(ApprovalStandard.ERC721);
                assertThat(a.getToken()).isEqualTo(nft.address().toLowerCase());
                assertThat(a.getOwner()).isEqualTo(owner);
                assertThat(a.getSpender()).isEqualTo(spender);
                assertThat(a.getTokenId()).isEqualTo("7");
                assertThat(a.getAmount()).isNull();
                assertThat(a.getApproved()).isTrue();
            });
            assertThat(find(transactions, minted)).satisfies(tx -> {
                assertThat(tx.getApprovals()).as("a mint approves nothing").isEmpty();
                assertThat(tx.getTokenTransfers()).singleElement().satisfies(t -> assertThat(t.getTokenId())
                        .isEqualTo("7"));
            });
            assertThat(service.isHealthy()).isTrue();
        }
    }

    private static Optional<ChainTransaction> ingested(BlockLog log, String txHash) {
        return log.events().stream().flatMap(e -> e.getTransactions().stream()).filter(t -> t.getHash().equals(txHash
                .toLowerCase())).findFirst();
    }

    private static ChainTransaction find(List<ChainTransaction> transactions, String txHash) {
        return transactions.stream().filter(t -> t.getHash().equals(txHash.toLowerCase())).findFirst().orElseThrow(
                () -> new AssertionError("transaction " + txHash + " not published"));
    }

    /** The one approval of {@code txHash}. */
    private static TokenApproval approval(List<ChainTransaction> transactions, String txHash) {
        List<TokenApproval> approvals = find(transactions, txHash).getApprovals();
        assertThat(approvals).as("approvals of %s", txHash).hasSize(1);
        return approvals.get(0);
    }
}
