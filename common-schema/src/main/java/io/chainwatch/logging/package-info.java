/**
 * Logging shared by every service and the standalone process: {@link io.chainwatch.logging.RedactingEncoder} writes
 * text or JSON lines ({@code CHAINWATCH_LOG_FORMAT}) with Telegram bot tokens masked in messages, arguments and stack
 * traces alike. Referenced from the shipped {@code logback.xml}; logback itself is provided by the services.
 */
package io.chainwatch.logging;
