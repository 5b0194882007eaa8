/**
 * US dollar values from on-chain price feeds (Chainlink's {@code AggregatorV3Interface}), read with {@code eth_call}
 * on the chain's own nodes at the alert's block: no price service ever learns what is watched. A feed that fails or
 * is stale never holds a message back: the amount then goes out without its dollar value, and the health endpoint
 * names the feed.
 */
package io.chainwatch.notifier.prices;
