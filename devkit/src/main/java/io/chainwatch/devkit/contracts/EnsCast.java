package io.chainwatch.devkit.contracts;

import java.util.List;

import io.chainwatch.devkit.DevnetNode;

/**
 * ENS deployed on a devnet with one account for each case a reader of primary names must get right, so that every test
 * of names meets the same cast: {@code alice} is {@code alice.eth} both ways (trusted); {@code bob} claims
 * {@code bob.eth}, which resolves to {@code carol} (not bob's name); {@code mallory} claims a name that is markup
 * ({@code <b>x</b>.eth}, never registered); {@code eve} is {@code 0xd8da6045.eth}, verified both ways but reading like
 * an address's ends. They are the node's dev accounts 1 to 5; account 0 deploys and owns ENS, and accounts from 6 on
 * are left for the test.
 */
public record EnsCast(Ens ens, String alice, String bob, String carol, String mallory, String eve) {

    /** The first dev account a test may give a name of its own. */
    public static final int FREE_ACCOUNT = 6;

    /** Deploys ENS on {@code node} and registers the cast. */
    public static EnsCast deploy(DevnetNode node) {
        List<String> accounts = node.accounts();
        Ens ens = TestContracts.deployEns(node, accounts.get(0));
        EnsCast cast = new EnsCast(ens, accounts.get(1), accounts.get(2), accounts.get(3), accounts.get(4), accounts
                .get(5));
        ens.register("alice.eth", cast.alice());
        ens.setReverseName(cast.alice(), "alice.eth");
        ens.register("bob.eth", cast.carol());
        ens.setReverseName(cast.bob(), "bob.eth");
        ens.setReverseName(cast.mallory(), "<b>x</b>.eth");
        ens.register("0xd8da6045.eth", cast.eve());
        ens.setReverseName(cast.eve(), "0xd8da6045.eth");
        return cast;
    }
}
