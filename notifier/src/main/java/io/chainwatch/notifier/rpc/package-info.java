/**
 * Read-only calls to the chain's own nodes ({@code eth_call}), for what the notifier shows beside an alert: token
 * symbols, prices. Nothing here ever sends a watched address anywhere but to the operator's own endpoints.
 */
package io.chainwatch.notifier.rpc;
