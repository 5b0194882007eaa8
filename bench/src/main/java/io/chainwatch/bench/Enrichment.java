package io.chainwatch.bench;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.contracts.Ens;
import io.chainwatch.devkit.contracts.PriceFeed;
import io.chainwatch.devkit.contracts.TestContracts;
import io.chainwatch.devkit.contracts.Token;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.notifier.prices.PriceFeeds;

/**
 * What the notify benchmark's devnet carries so that its messages cost what real ones do (issue #17): a token, and,
 * when enrichment is on, a price feed for the native coin and one for the token, and ENS with a verified primary
 * name for each of the {@code named} accounts. {@link #env} configures the pipeline to read them; {@link #check} fails
 * the benchmark when a delivered message does not show what was measured, so a run cannot silently measure nothing.
 */
final class Enrichment {

    static final BigInteger FEED_UNIT = BigInteger.TEN.pow(8);
    static final BigInteger TOKEN_UNIT = BigInteger.TEN.pow(6);
    /** {@code transfer(address,uint256)} */
    private static final String TRANSFER = "0xa9059cbb";

    final boolean on;
    final Token token;
    /** Account (lower case) to its verified ENS name; empty when enrichment is off. */
    final Map<String, String> names;
    final Map<String, String> env;

    private Enrichment(boolean on, Token token, Map<String, String> names, Map<String, String> env) {
        this.on = on;
        this.token = token;
        this.names = names;
        this.env = env;
    }

    /** {@code -Denrich}: {@code both} (the default: each part with and without, and the ratio), true or false. */
    static List<Boolean> modes() {
        return switch (System.getProperty("enrich", "both").toLowerCase(Locale.ROOT)) {
            case "true" -> List.of(true);
            case "false" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> throw new IllegalArgumentException("-Denrich must be true, false or both");
        };
    }

    static String label(boolean on) {
        return on ? "enrichment on" : "enrichment off";
    }

    /** Deploys the contracts on {@code anvil} from {@code deployer}, who is also given the whole token supply. */
    static Enrichment deploy(AnvilNode anvil, String deployer, List<String> named, boolean on) {
        Token token = TestContracts.deployToken(anvil, deployer, "USDC", 6);
        token.mint(deployer, BigInteger.valueOf(1_000_000_000L).multiply(TOKEN_UNIT));
        if (!on) {
            return new Enrichment(false, token, Map.of(), Map.of());
        }
        PriceFeed nativeFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, BigInteger.valueOf(3000).multiply(
                FEED_UNIT));
        PriceFeed tokenFeed = TestContracts.deployPriceFeed(anvil, deployer, 8, FEED_UNIT);
        Ens ens = TestContracts.deployEns(anvil, deployer);
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < named.size(); i++) {
            String name = "holder" + i + ".eth";
            ens.register(name, named.get(i));
            ens.setReverseName(named.get(i), name);
            names.put(named.get(i).toLowerCase(Locale.ROOT), name);
        }
        Map<String, String> env = new HashMap<>();
        env.put(PriceFeeds.PREFIX + "DEVNET", PriceFeeds.NATIVE + "=" + nativeFeed.address() + "," + token.address()
                + "=" + tokenFeed.address());
        env.put(EnsRegistries.PREFIX + "DEVNET", ens.registry());
        return new Enrichment(true, token, Map.copyOf(names), Map.copyOf(env));
    }

    /** Sends {@code amount} of the token from {@code from} to {@code to}; returns the hash as soon as the node has it. */
    String sendToken(AnvilNode anvil, String from, String to, BigInteger amount) {
        String data = TRANSFER + "%064x".formatted(new BigInteger(to.substring(2), 16)) + "%064x".formatted(amount);
        return anvil.sendData(from, Optional.of(token.address()), data);
    }

    /**
     * Fails unless the message from {@code counterparty} shows what this run measures: with enrichment, a dollar
     * value and the counterparty's name; without, neither.
     */
    void check(String text, String counterparty) {
        boolean dollars = text.contains("≈ $");
        String name = names.get(counterparty.toLowerCase(Locale.ROOT));
        if (on && (!dollars || name == null || !text.contains("<b>" + name + "</b>"))) {
            throw new IllegalStateException("enrichment on, but a message lacks the dollar value or the name "
                    + name + ": " + text);
        }
        if (!on && (dollars || text.contains(".eth</b>"))) {
            throw new IllegalStateException("enrichment off, but a message shows a value or a name: " + text);
        }
    }
}
