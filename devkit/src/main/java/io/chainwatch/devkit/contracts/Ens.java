package io.chainwatch.devkit.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * ENS on a devnet: a registry, a public resolver and a reverse registrar, deployed together with the {@code eth},
 * {@code reverse} and {@code addr.reverse} nodes set up, interface-compatible with mainnet's so code written against
 * real ENS resolves names here. The deployer owns the root and {@code eth}; names are hashed as given (EIP-137's
 * namehash, no normalisation), so a test may register or reverse-name anything, markup included.
 * <p>
 * Thread-safe as single calls; registering two names under the same new parent at once is not supported.
 */
public final class Ens {

    private static final String ROOT = "0x" + "0".repeat(64);
    private static final String NOBODY = "0x" + "0".repeat(40);
    private static final HexFormat HEX = HexFormat.of();

    private final Transactions transactions;
    private final String deployer;
    private final String registry;
    private final String resolver;
    private final String reverseRegistrar;

    private Ens(Transactions transactions, String deployer, String registry, String resolver,
            String reverseRegistrar) {
        this.transactions = transactions;
        this.deployer = deployer;
        this.registry = registry;
        this.resolver = resolver;
        this.reverseRegistrar = reverseRegistrar;
    }

    static Ens deploy(Transactions transactions, String from) {
        String registry = transactions.deploy(from, CompiledContract.load("EnsRegistry"));
        String resolver = transactions.deploy(from, CompiledContract.load("PublicResolver"), registry);
        String reverse = transactions.deploy(from, CompiledContract.load("ReverseRegistrar"), registry, resolver);
        Ens ens = new Ens(transactions, from, registry, resolver, reverse);
        ens.setSubnodeOwner(from, ROOT, "eth", from);
        ens.setSubnodeOwner(from, ROOT, "reverse", from);
        ens.setSubnodeOwner(from, namehash("reverse"), "addr", reverse);
        return ens;
    }

    /** The EIP-137 namehash of {@code name} ({@code ""} is the root), {@code 0x} and 64 hex digits. */
    public static String namehash(String name) {
        byte[] node = new byte[32];
        if (!name.isEmpty()) {
            List<String> labels = List.of(name.split("\\.", -1));
            for (int i = labels.size() - 1; i >= 0; i--) {
                node = Abi.keccak256(concat(node, labelhash(labels.get(i))));
            }
        }
        return "0x" + HEX.formatHex(node);
    }

    /** The reverse name of {@code account}: {@code <40 lower-case hex digits>.addr.reverse}. */
    public static String reverseName(String account) {
        return account.substring(2).toLowerCase(Locale.ROOT) + ".addr.reverse";
    }

    /** The registry's address: what a client is configured with. */
    public String registry() {
        return registry;
    }

    /** The public resolver every registered name and reverse record uses. */
    public String resolver() {
        return resolver;
    }

    public String reverseRegistrar() {
        return reverseRegistrar;
    }

    /**
     * Registers {@code name} (e.g. {@code alice.eth}, or deeper; missing parents are created for the deployer) with
     * the public resolver and {@code addr} = {@code ownerAndAddr}, then hands it to {@code ownerAndAddr}. Registering
     * it again moves it. Returns the name's namehash.
     */
    public String register(String name, String ownerAndAddr) {
        int dot = name.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not a name under a top-level domain: " + name);
        }
        String parent = name.substring(dot + 1);
        ensureExists(parent);
        String parentOwner = owner(namehash(parent));
        String node = setSubnodeOwner(parentOwner, namehash(parent), name.substring(0, dot), deployer);
        transactions.send(deployer, registry, BigInteger.ZERO, "setResolver(bytes32,address)", node, resolver);
        transactions.send(deployer, resolver, BigInteger.ZERO, "setAddr(bytes32,address)", node, ownerAndAddr);
        transactions.send(deployer, registry, BigInteger.ZERO, "setOwner(bytes32,address)", node, ownerAndAddr);
        return node;
    }

    /**
     * Sets the primary name of {@code account} to {@code name}, unchecked (any string, whether or not it resolves
     * back): {@code ReverseRegistrar.setName} sent from {@code account}, impersonated when it is not one of the
     * node's accounts. Returns the transaction hash.
     */
    public String setReverseName(String account, String name) {
        return transactions.send(account, reverseRegistrar, BigInteger.ZERO, "setName(string)", name);
    }

    private void ensureExists(String name) {
        if (!owner(namehash(name)).equals(NOBODY)) {
            return;
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            setSubnodeOwner(deployer, ROOT, name, deployer); // a new top-level domain: the deployer owns the root
            return;
        }
        String parent = name.substring(dot + 1);
        ensureExists(parent);
        setSubnodeOwner(owner(namehash(parent)), namehash(parent), name.substring(0, dot), deployer);
    }

    private String owner(String node) {
        return Abi.addressAt(transactions.call(registry, "owner(bytes32)", node), 0);
    }

    private String setSubnodeOwner(String sender, String parentNode, String label, String owner) {
        transactions.send(sender, registry, BigInteger.ZERO, "setSubnodeOwner(bytes32,bytes32,address)", parentNode,
                labelhash(label), owner);
        return "0x" + HEX.formatHex(Abi.keccak256(concat(HEX.parseHex(parentNode.substring(2)), labelhash(label))));
    }

    private static byte[] labelhash(String label) {
        return Abi.keccak256(label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
