/**
 * Reading what contracts answer to {@code eth_call} ({@link AbiAnswers}): the one defensive decoder of hex, 32-byte
 * words and ABI strings behind the ENS, ERC-20 and price-feed readers, which know only their own calls. Pure.
 */
package io.chainwatch.abi;
