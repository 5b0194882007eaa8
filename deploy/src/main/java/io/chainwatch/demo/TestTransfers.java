package io.chainwatch.demo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.chainwatch.devkit.AnvilNode;

/**
 * The page's "send a test transaction" buttons: ETH moved on anvil with {@code eth_sendTransaction} from its
 * unlocked, funded dev accounts — into a watched address from the first dev account, or out of a watched address
 * that is itself a dev account. chainwatch never signs anything; anvil does, because it is a throwaway devnet.
 * <p>
 * Thread-safe.
 */
final class TestTransfers {

    /** What the page may ask for; anything else is refused before anvil sees it. */
    static final BigDecimal MAX_ETH = new BigDecimal("100");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);

    enum Direction {
        IN, OUT
    }

    /** A test transaction; {@code at} in epoch milliseconds. */
    record Transfer(String hash, String from, String to, String eth, Direction direction, long at) {
    }

    private final AnvilNode anvil;
    private final List<String> accounts;
    private final Clock clock;
    private final List<Transfer> sent = new ArrayList<>();

    TestTransfers(AnvilNode anvil, Clock clock) {
        this.anvil = anvil;
        this.accounts = anvil.accounts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.clock = clock;
    }

    /** The dev accounts; the first one funds the incoming transfers. */
    List<String> accounts() {
        return accounts;
    }

    /**
     * Sends {@code eth} into or out of {@code address}; returns the transfer with its hash.
     *
     * @throws IllegalArgumentException when the address, the amount or the direction cannot be served (the page
     *             shows the message)
     */
    Transfer send(String address, Direction direction, String eth) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an address: 0x followed by 40 hex digits");
        }
        BigInteger wei = wei(eth);
        String watched = address.toLowerCase(Locale.ROOT);
        String faucet = accounts.get(0);
        if (direction == Direction.OUT && !accounts.contains(watched)) {
            throw new IllegalArgumentException("only anvil's dev accounts can send here (they are unlocked): "
                    + "watch one of them to try outgoing transfers");
        }
        if (watched.equals(faucet)) {
            throw new IllegalArgumentException(
                    "that is the account the test ETH comes from: watch another address");
        }
        String from = direction == Direction.IN ? faucet : watched;
        String to = direction == Direction.IN ? watched : faucet;
        String hash = anvil.sendEth(from, to, wei);
        Transfer transfer = new Transfer(hash, from, to, eth, direction, clock.millis());
        synchronized (sent) {
            sent.add(transfer);
        }
        return transfer;
    }

    /** Every transfer sent, newest first. */
    List<Transfer> sent() {
        synchronized (sent) {
            return sent.reversed().stream().toList();
        }
    }

    static BigInteger wei(String eth) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(eth == null ? "" : eth.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount of ETH: " + eth);
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX_ETH) > 0 || amount.scale() > 18) {
            throw new IllegalArgumentException("the amount must be more than 0 and at most " + MAX_ETH + " ETH");
        }
        return amount.multiply(WEI_PER_ETH).toBigIntegerExact();
    }
}
