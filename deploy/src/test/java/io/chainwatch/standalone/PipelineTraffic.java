package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;

/**
 * The test's side of a pipeline under steady load, for the ITs that break something while transactions flow: chats
 * that each watch one anvil account, a transfer every {@link #INTERVAL} to those accounts in turn (so that each chat
 * gets one message every chats × interval, within Telegram's 1/s), and what became of each transfer — announced
 * exactly once to its chat, how long it took, the longest gap between two notifications.
 */
final class PipelineTraffic {

    static final Duration INTERVAL = Duration.ofMillis(400);

    private final AnvilNode anvil;
    private final BotApiDouble telegram;
    private final Map<Long, String> watchedByChat = new TreeMap<>();
    private final Map<String, Long> chatOfHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();

    PipelineTraffic(AnvilNode anvil, BotApiDouble telegram) {
        this.anvil = anvil;
        this.telegram = telegram;
    }

    /**
     * Chats {@code firstChat}.. each /watch one account from {@code firstAccount} on; returns once every chat was
     * answered and a first round of transfers was announced (the subscriptions reached the matcher).
     */
    void watch(int chats, long firstChat, int firstAccount) {
        for (int i = 0; i < chats; i++) {
            long chat = firstChat + i;
            String watched = anvil.accounts().get(firstAccount + i);
            watchedByChat.put(chat, watched);
            telegram.userSends(chat, "/watch devnet " + watched);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> watchedByChat.keySet().stream().allMatch(
                chat -> telegram.messagesTo(chat).stream().anyMatch(m -> m.text().contains("Watching"))));
        Run warmUp = start();
        pause(Duration.ofSeconds(3));
        awaitExactlyOnce(warmUp.stop(), Duration.ofMinutes(2));
    }

    /** Starts sending. */
    Run start() {
        return new Run();
    }

    /** Waits until every one of {@code hashes} is announced once to its chat, and checks none arrives twice later. */
    void awaitExactlyOnce(List<String> hashes, Duration within) {
        await().atMost(within).untilAsserted(() -> hashes.forEach(h -> assertThat(notificationsAbout(h)).as(h)
                .hasSize(1)));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> hashes.forEach(
                h -> assertThat(notificationsAbout(h)).as(h).hasSize(1)));
    }

    /** The notifications (not edits) of {@code txHash} in its chat. */
    List<SentMessage> notificationsAbout(String txHash) {
        return telegram.messagesTo(chatOfHash.get(txHash)).stream().filter(m -> !m.edit() && m.text().toLowerCase()
                .contains(txHash.toLowerCase())).toList();
    }

    /**
     * Prints, under {@code prefix}, the longest gap between two of these notifications and the longest send →
     * notification delay; call once they are all announced.
     */
    void report(String prefix, String what, List<String> sent) {
        List<SentMessage> notes = new ArrayList<>();
        sent.forEach(h -> notes.addAll(notificationsAbout(h)));
        notes.sort(Comparator.comparing(SentMessage::at));
        long gap = 0;
        for (int i = 1; i < notes.size(); i++) {
            gap = Math.max(gap, Duration.between(notes.get(i - 1).at(), notes.get(i).at()).toMillis());
        }
        long delay = sent.stream().mapToLong(h -> Duration.between(sentAt.get(h), notificationsAbout(h).get(0).at())
                .toMillis()).max().orElse(0);
        System.out.printf("[%s] %s: %d transactions, each announced once; longest gap between two notifications %d ms, "
                + "longest send→notification %d ms%n", prefix, what, sent.size(), gap, delay);
    }

    /** Lets the pipeline and the traffic run for {@code duration}. */
    static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    /** Transfers being sent, from a thread of its own, until {@link #stop()}. */
    final class Run {
        private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> chats = List.copyOf(watchedByChat.keySet());
        private int next;

        private Run() {
            sender.scheduleWithFixedDelay(this::sendOne, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void sendOne() {
            long chat = chats.get(next % chats.size());
            Instant at = Instant.now();
            String hash = anvil.sendEth(anvil.accounts().get(next % 3), watchedByChat.get(chat), BigInteger.valueOf(
                    1_000_000L + next));
            chatOfHash.put(hash, chat);
            sentAt.put(hash, at);
            sent.add(hash);
            next++;
        }

        /** The transactions sent so far. */
        List<String> sentSoFar() {
            return List.copyOf(sent);
        }

        /** Stops sending; the transactions sent. */
        List<String> stop() {
            sender.shutdown();
            try {
                assertThat(sender.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.copyOf(sent);
        }
    }
}
