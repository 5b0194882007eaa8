/** Telegram text rules shared by every service that writes messages (the notifier and the bot). */
package io.chainwatch.telegram;
