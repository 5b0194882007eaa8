package io.chainwatch.notifier.format;

import static io.chainwatch.notifier.TestAlerts.approval;
import static io.chainwatch.notifier.TestAlerts.movement;
import static io.chainwatch.notifier.TestAlerts.nft;
import static io.chainwatch.notifier.TestAlerts.transaction;
import static io.chainwatch.notifier.TestAlerts.watchedAddress;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.notifier.format.TransactionPatterns.Approval;
import io.chainwatch.notifier.format.TransactionPatterns.Failed;
import io.chainwatch.notifier.format.TransactionPatterns.Movements;
import io.chainwatch.notifier.format.TransactionPatterns.Recognised;
import io.chainwatch.notifier.format.TransactionPatterns.Swap;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;
import io.chainwatch.schema.TxStatus;

/** Issue #16: the patterns a transaction alert is told by, from its movements and approvals alone. */
class TransactionPatternsTest {

    private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    private static final String DAI = "0x6b175474e89094c44da98b954eedeac495271d0f";
    private static final String ROUTER = "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad";
    private static final String POOL = "0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640";
    private static final String OTHER = "0x3333333333333333333333333333333333333333";
    private static final String ETH = "1000000000000000000";

    @Test
    void shouldRecogniseASwapWhenTheWalletSendsOneAssetAndReceivesAnother() {
        Recognised recognised = TransactionPatterns.recognise(transaction().to(ROUTER).movements(movement(
                AlertKind.NATIVE_OUT, ETH, null, ROUTER), movement(AlertKind.TOKEN_IN, "3412500000", USDC, POOL))
                .build());

        assertThat(recognised.approvals()).isEmpty();
        Swap swap = (Swap) recognised.body();
        assertThat(swap.out().getKind()).isEqualTo(AlertKind.NATIVE_OUT);
        assertThat(swap.in().getToken()).isEqualTo(USDC);
        assertThat(swap.via()).isEqualTo(ROUTER);
        assertThat(swap.watched()).isEqualTo(TestAlerts.WATCHED);
    }

    @Test
    void shouldCountNativeAndInternalValueAsOneAssetAndNetThem() {
        // 1 ETH sent, 0.25 ETH refunded by the router inside the call, USDC received
        Recognised recognised = TransactionPatterns.recognise(transaction().movements(movement(AlertKind.NATIVE_OUT,
                ETH, null, ROUTER), movement(AlertKind.TOKEN_IN, "5", USDC, POOL),
                movement(AlertKind.INTERNAL_IN,
                        "250000000000000000", null, ROUTER))
                .build());

        Swap swap = (Swap) recognised.body();
        assertThat(swap.out().getKind()).isEqualTo(AlertKind.NATIVE_OUT);
        assertThat(swap.out().getAmount()).isEqualTo("750000000000000000");
        assertThat(swap.out().getCounterparty()).isEqualTo(ROUTER);
        assertThat(swap.via()).isEqualTo(ROUTER);
    }

    @Test
    void shouldTakeTheTransactionsRecipientAsViaWhenNoCounterpartyIsKnown() {
        Recognised recognised = TransactionPatterns.recognise(transaction().to(ROUTER).movements(movement(
                AlertKind.TOKEN_OUT, "5", DAI, null), movement(AlertKind.TOKEN_IN, "5", USDC, null)).build());

        assertThat(((Swap) recognised.body()).via()).isEqualTo(ROUTER);
    }

    @Test
    void shouldListMovementsWhenThreeAssetsMoved() {
        List<AlertMovement> three = List.of(movement(AlertKind.NATIVE_OUT, ETH, null, ROUTER), movement(
                AlertKind.TOKEN_IN, "5", USDC, POOL), movement(AlertKind.TOKEN_IN, "7", DAI, POOL));

        Recognised recognised = TransactionPatterns.recognise(transaction().movements(three.toArray(
                AlertMovement[]::new)).build());

        assertThat(recognised.body()).isEqualTo(new Movements(three));
    }

    @Test
    void shouldNotCallItASwapWhenBothAssetsGoTheSameWay() {
        Recognised recognised = TransactionPatterns.recognise(transaction().movements(movement(AlertKind.TOKEN_OUT,
                "5", USDC, OTHER), movement(AlertKind.NATIVE_OUT, ETH, null, OTHER)).build());

        assertThat(recognised.body()).isInstanceOf(Movements.class);
    }

    @Test
    void shouldLeaveOutZeroNetsAndNotCountThemAsAnAsset() {
        AlertMovement zero = movement(AlertKind.TOKEN_IN, "0", DAI, OTHER);
        Recognised recognised = TransactionPatterns.recognise(transaction().movements(movement(AlertKind.NATIVE_OUT,
                ETH, null, ROUTER), zero, movement(AlertKind.TOKEN_IN, "5", USDC, POOL)).build());

        assertThat(recognised.body()).isInstanceOf(Swap.class);
        assertThat(TransactionPatterns.recognise(transaction().movements(zero).build()).body()).isEqualTo(
                new Movements(List.of()));
    }

    @Test
    void shouldNotCallItASwapWhenAnAssetNetsToZero() {
        Recognised recognised = TransactionPatterns.recognise(transaction().movements(movement(AlertKind.NATIVE_OUT,
                ETH, null, ROUTER), movement(AlertKind.INTERNAL_IN, ETH, null, ROUTER),
                movement(AlertKind.TOKEN_IN,
                        "5", USDC, POOL))
                .build());

        assertThat(recognised.body()).isInstanceOf(Movements.class);
    }

    @Test
    void shouldNotCallItASwapWhenTwoWatchedAddressesMoved() {
        Recognised recognised = TransactionPatterns.recognise(transaction().watchedAddresses(watchedAddress(
                TestAlerts.WATCHED, 7, "hot"), watchedAddress(OTHER, 8, "cold")).movements(movement(
                        AlertKind.TOKEN_OUT, "5", USDC, OTHER),
                        movement(OTHER, AlertKind.TOKEN_IN, "5", DAI,
                                TestAlerts.WATCHED))
                .build());

        assertThat(recognised.body()).isInstanceOf(Movements.class);
    }

    @Test
    void shouldRecogniseAnNftSoldForEther() {
        Recognised recognised = TransactionPatterns.recognise(transaction().movements(nft(AlertKind.NFT_OUT, USDC,
                "7", "1", POOL), movement(AlertKind.INTERNAL_IN, ETH, null, ROUTER)).build());

        Swap swap = (Swap) recognised.body();
        assertThat(swap.out().getTokenId()).isEqualTo("7");
        assertThat(swap.in().getKind()).isEqualTo(AlertKind.INTERNAL_IN);
        assertThat(swap.via()).isEqualTo(POOL);
    }

    @Test
    void shouldNotCountAnNftBatchOfZeroesAsAMovement() {
        assertThat(TransactionPatterns.isZero(nft(AlertKind.NFT_IN, USDC, "7,8", "0,0", POOL))).isTrue();
        assertThat(TransactionPatterns.isZero(nft(AlertKind.NFT_IN, USDC, "7,8", "0,2", POOL))).isFalse();
        assertThat(TransactionPatterns.isZero(movement(AlertKind.CONTRACT_CREATED, "0", null, POOL))).isFalse();
    }

    @Test
    void shouldTellWhatAFailedTransactionTriedAndTheFeeItPaid() {
        Recognised recognised = TransactionPatterns.recognise(transaction().to(ROUTER).amount(ETH).status(
                TxStatus.FAILED).fee("1100000000000000").build());

        assertThat(recognised.body()).isEqualTo(new Failed(TestAlerts.WATCHED, ROUTER, BigInteger.TEN.pow(18),
                Optional.of(new BigInteger("1100000000000000"))));
    }

    @Test
    void shouldNotTellAFailedTransactionTheWalletDidNotSendAsFailed() {
        Recognised recognised = TransactionPatterns.recognise(transaction().from(OTHER).status(TxStatus.FAILED)
                .build());

        assertThat(recognised.body()).isInstanceOf(Movements.class);
    }

    @Test
    void shouldCallTheMaximumAllowanceUnlimitedAndZeroARevocation() {
        Approval max = TransactionPatterns.approval(approval(ApprovalStandard.ERC20, USDC, ROUTER,
                TransactionPatterns.MAX_UINT256.toString(), true));
        Approval huge = TransactionPatterns.approval(approval(ApprovalStandard.ERC20, USDC, ROUTER, BigInteger.TWO
                .pow(255).toString(), true));
        Approval hundred = TransactionPatterns.approval(approval(ApprovalStandard.ERC20, USDC, ROUTER, "100", true));
        Approval zero = TransactionPatterns.approval(approval(ApprovalStandard.ERC20, USDC, ROUTER, "0", true));
        Approval permit2 = TransactionPatterns.approval(approval(ApprovalStandard.PERMIT2, USDC, ROUTER,
                TransactionPatterns.MAX_UINT160.toString(), true));
        Approval erc20Uint160 = TransactionPatterns.approval(approval(ApprovalStandard.ERC20, USDC, ROUTER,
                TransactionPatterns.MAX_UINT160.toString(), true));

        assertThat(max.granted()).isTrue();
        assertThat(max.unlimited()).isTrue();
        assertThat(huge.unlimited()).isTrue();
        assertThat(hundred.unlimited()).isFalse();
        assertThat(hundred.amount()).contains(BigInteger.valueOf(100));
        assertThat(zero.granted()).isFalse();
        assertThat(permit2.unlimited()).isTrue();
        assertThat(erc20Uint160.unlimited()).isFalse();
    }

    @Test
    void shouldTellAnOperatorGrantedFromOneRevoked() {
        assertThat(TransactionPatterns.approval(approval(ApprovalStandard.OPERATOR, USDC, ROUTER, null, true))
                .granted()).isTrue();
        assertThat(TransactionPatterns.approval(approval(ApprovalStandard.OPERATOR, USDC, ROUTER, null, false))
                .granted()).isFalse();
    }

    @Test
    void shouldKeepOnlyApprovalsOfTheWatchedOwnersBesideTheMovements() {
        TokenApproval mine = approval(ApprovalStandard.PERMIT2, USDC, ROUTER, "5", true);
        TokenApproval theirs = TokenApproval.newBuilder(mine).setOwner(OTHER).build();

        Recognised recognised = TransactionPatterns.recognise(transaction().approvals(mine, theirs).movements(
                movement(AlertKind.TOKEN_OUT, "5", USDC, POOL), movement(AlertKind.NATIVE_IN, ETH, null, ROUTER))
                .build());

        assertThat(recognised.approvals()).extracting(Approval::source).containsExactly(mine);
        assertThat(recognised.body()).isInstanceOf(Swap.class);
    }
}
