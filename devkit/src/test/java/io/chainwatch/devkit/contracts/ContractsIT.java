package io.chainwatch.devkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.DevnetNode;

/**
 * The test contracts deployed on a real anvil and read back with raw {@code eth_call}s, the way production code reads
 * them. One node for the class (each test deploys its own contracts), to spare the shared machine.
 */
class ContractsIT {

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final String STRANGER = "0x000000000000000000000000000000000000c0de";

    private static AnvilNode anvil;
    private static String deployer;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void startAnvil() {
        anvil = AnvilNode.start();
        List<String> accounts = anvil.accounts();
        deployer = accounts.get(0);
        alice = accounts.get(1);
        bob = accounts.get(2);
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    @Test
    void shouldAnswerLatestRoundDataWithTheLastAnswerAndItsBlockTime() {
        PriceFeed feed = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(2000_00000000L));
        assertThat(Abi.uintAt(call(feed.address(), "decimals()"), 0)).isEqualTo(8);
        assertThat(Abi.stringAt(call(feed.address(), "description()"), 0)).isEqualTo("chainwatch test feed");
        assertThat(Abi.intAt(call(feed.address(), "latestRoundData()"), 1)).isEqualTo(2000_00000000L);

        String tx = feed.setAnswer(BigInteger.valueOf(-5));

        String round = call(feed.address(), "latestRoundData()");
        assertThat(Abi.uintAt(round, 0)).isEqualTo(2);
        assertThat(Abi.intAt(round, 1)).isEqualTo(-5);
        assertThat(Abi.uintAt(round, 3)).isEqualTo(blockTimestamp(tx)).isEqualTo(Abi.uintAt(round, 2));
        assertThat(Abi.uintAt(round, 4)).isEqualTo(2);
    }

    @Test
    void shouldRevertLatestRoundDataWithReasonWhenSetReverting() {
        PriceFeed feed = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.ONE);

        feed.setReverting(true);

        assertThatThrownBy(() -> call(feed.address(), "latestRoundData()"))
                .isInstanceOf(DevnetNode.NodeRpcException.class).hasMessageContaining("PriceFeed: reverting");
        feed.setReverting(false);
        assertThat(Abi.intAt(call(feed.address(), "latestRoundData()"), 1)).isEqualTo(1);
    }

    @Test
    void shouldResolveRegisteredNamesThroughRegistryAndResolver() {
        Ens ens = TestContracts.deployEns(anvil, deployer);

        ens.register("alice.eth", alice);
        ens.register("pay.alice.eth", bob); // under a name alice owns: sent as alice
        ens.register("carol.eth", STRANGER);
        ens.register("deep.sub.carol.eth", STRANGER); // creates sub.carol.eth as the stranger, impersonated

        assertThat(resolve(ens, "alice.eth")).isEqualTo(alice);
        assertThat(resolve(ens, "pay.alice.eth")).isEqualTo(bob);
        assertThat(resolve(ens, "deep.sub.carol.eth")).isEqualTo(STRANGER);
        assertThat(Abi.addressAt(call(ens.registry(), "owner(bytes32)", Ens.namehash("alice.eth")), 0))
                .isEqualTo(alice);
        assertThat(Abi.boolAt(call(ens.resolver(), "supportsInterface(bytes4)", "0x3b3b57de"), 0)).isTrue();
    }

    @Test
    void shouldReturnReverseNameWhenAccountSetsIt() {
        Ens ens = TestContracts.deployEns(anvil, deployer);

        ens.setReverseName(alice, "alice.eth");
        ens.setReverseName(STRANGER, "<b>x</b>.eth"); // markup, and an address that is not the node's

        String reverseNode = Ens.namehash(Ens.reverseName(alice));
        assertThat(Abi.bytes32At(call(ens.reverseRegistrar(), "node(address)", alice), 0)).isEqualTo(reverseNode);
        assertThat(Abi.addressAt(call(ens.registry(), "resolver(bytes32)", reverseNode), 0)).isEqualTo(ens
                .resolver());
        assertThat(Abi.stringAt(call(ens.resolver(), "name(bytes32)", reverseNode), 0)).isEqualTo("alice.eth");
        assertThat(Abi.stringAt(call(ens.resolver(), "name(bytes32)", Ens.namehash(Ens.reverseName(STRANGER))), 0))
                .isEqualTo("<b>x</b>.eth");
    }

    @Test
    void shouldMoveBalancesAndLogApprovalWhenTokenIsUsed() {
        Token token = TestContracts.deployToken(anvil, deployer, "USDT", 6);

        token.mint(alice, BigInteger.valueOf(1000));
        token.transfer(alice, bob, BigInteger.valueOf(300));
        String approval = token.approve(alice, STRANGER, BigInteger.valueOf(50));

        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", alice), 0)).isEqualTo(700);
        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", bob), 0)).isEqualTo(300);
        assertThat(Abi.uintAt(call(token.address(), "decimals()"), 0)).isEqualTo(6);
        JsonNode log = onlyLog(approval);
        assertThat(log.get("address").asText()).isEqualTo(token.address());
        assertThat(topics(log)).containsExactly(Abi.eventTopic("Approval(address,address,uint256)"), topic(alice),
                topic(STRANGER));
        assertThat(Abi.uintAt(log.get("data").asText(), 0)).isEqualTo(50);
    }

    @Test
    void shouldLogApprovalForAllAndMoveTokenWhenNftIsUsed() {
        Nft nft = TestContracts.deployNft(anvil, deployer, "APE");
        nft.mint(alice, BigInteger.valueOf(7));

        String approval = nft.setApprovalForAll(alice, STRANGER, true);
        nft.transfer(alice, bob, BigInteger.valueOf(7));

        JsonNode log = onlyLog(approval);
        assertThat(topics(log)).containsExactly(Abi.eventTopic("ApprovalForAll(address,address,bool)"), topic(alice),
                topic(STRANGER));
        assertThat(Abi.boolAt(log.get("data").asText(), 0)).isTrue();
        assertThat(Abi.addressAt(call(nft.address(), "ownerOf(uint256)", 7), 0)).isEqualTo(bob);
        assertThat(Abi.boolAt(call(nft.address(), "supportsInterface(bytes4)", "0x80ac58cd"), 0)).isTrue();
    }

    @Test
    void shouldMoveEtherAndTokenBothWaysWhenSwapping() {
        Token token = TestContracts.deployToken(anvil, deployer, "WETH", 18);
        Swap swap = TestContracts.deploySwap(anvil, deployer);
        token.mint(swap.address(), BigInteger.valueOf(1000));
        swap.fundEth(deployer, ETHER.multiply(BigInteger.TEN));

        swap.ethForToken(alice, token.address(), ETHER, BigInteger.valueOf(100));
        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", alice), 0)).isEqualTo(100);
        assertThat(balance(swap.address())).isEqualTo(ETHER.multiply(BigInteger.valueOf(11)));

        token.approve(alice, swap.address(), BigInteger.valueOf(40));
        swap.tokenForEth(alice, token.address(), BigInteger.valueOf(40), ETHER.multiply(BigInteger.TWO));
        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", alice), 0)).isEqualTo(60);
        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", swap.address()), 0)).isEqualTo(940);
        assertThat(balance(swap.address())).isEqualTo(ETHER.multiply(BigInteger.valueOf(9)));

        Token other = TestContracts.deployToken(anvil, deployer, "DAI", 18);
        other.mint(swap.address(), BigInteger.valueOf(500));
        swap.ethForTwoTokens(alice, ETHER, token.address(), BigInteger.valueOf(10), other.address(), BigInteger
                .valueOf(50));
        assertThat(Abi.uintAt(call(token.address(), "balanceOf(address)", alice), 0)).isEqualTo(70);
        assertThat(Abi.uintAt(call(other.address(), "balanceOf(address)", alice), 0)).isEqualTo(50);
        assertThat(balance(swap.address())).isEqualTo(ETHER.multiply(BigInteger.TEN));
    }

    @Test
    void shouldFailWithRevertReasonWhenCallReverts() {
        Token token = TestContracts.deployToken(anvil, deployer, "DAI", 18);

        assertThatThrownBy(() -> token.transfer(alice, bob, BigInteger.ONE))
                .isInstanceOf(ContractCallException.class)
                .hasMessageContaining("TestToken: balance too low")
                .hasMessageContaining(alice);
    }

    private static String call(String to, String signature, Object... args) {
        return anvil.rpc("eth_call", Map.of("to", to, "data", Abi.call(signature, args)), "latest").asText();
    }

    private static String resolve(Ens ens, String name) {
        String node = Ens.namehash(name);
        String resolver = Abi.addressAt(call(ens.registry(), "resolver(bytes32)", node), 0);
        return Abi.addressAt(call(resolver, "addr(bytes32)", node), 0);
    }

    private static BigInteger blockTimestamp(String txHash) {
        String block = anvil.receipt(txHash).orElseThrow().get("blockNumber").asText();
        return new BigInteger(anvil.rpc("eth_getBlockByNumber", block, false).get("timestamp").asText().substring(2),
                16);
    }

    private static BigInteger balance(String address) {
        return new BigInteger(anvil.rpc("eth_getBalance", address, "latest").asText().substring(2), 16);
    }

    private static JsonNode onlyLog(String txHash) {
        JsonNode logs = anvil.receipt(txHash).orElseThrow().get("logs");
        assertThat(logs).hasSize(1);
        return logs.get(0);
    }

    private static List<String> topics(JsonNode log) {
        return StreamSupport.stream(log.get("topics").spliterator(), false).map(JsonNode::asText)
                .toList();
    }

    private static String topic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }
}
