/**
 * The runtime contract: environment variables every service reads ({@link io.chainwatch.config.RuntimeEnv}) and the
 * chain configuration derived from them ({@link io.chainwatch.config.ChainConfig}). Parsing is pure and validated
 * at startup, so a bad value fails fast with a message that names the variable.
 */
package io.chainwatch.config;
