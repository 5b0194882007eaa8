package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.chats;
import static io.chainwatch.notifier.NotifierHarness.randomHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.schema.Alert;
import io.chainwatch.telegram.QuietHours;

/** Quiet hours: inside the watch's window an alert still arrives at once, only without sound. */
class QuietHoursIT extends WithNotifierHarness {

    /** A window of two hours starting {@code fromHoursAgo} hours before now, in UTC+2 (so the zone is honoured). */
    private static String window(int fromHoursAgo) {
        ZoneOffset zone = ZoneOffset.ofHours(2);
        LocalTime from = LocalTime.now(zone).truncatedTo(ChronoUnit.MINUTES).minusHours(fromHoursAgo);
        return new QuietHours(from, from.plusHours(2), zone).text();
    }

    private SentMessage only(long chat) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.messagesTo(chat).isEmpty());
        return telegram.messagesTo(chat).get(0);
    }

    @Test
    void shouldSendSilentlyInsideQuietHoursAndWithSoundOutside() {
        List<Long> chats = chats(3, false);
        Alert inside = TestAlerts.alert().chat(chats.get(0)).tx(randomHash()).quietHours(window(1)).build();
        Alert outside = TestAlerts.alert().chat(chats.get(1)).tx(randomHash()).quietHours(window(-3)).build();
        Alert none = TestAlerts.alert().chat(chats.get(2)).tx(randomHash()).build();
        harness.start();

        harness.produce(List.of(inside, outside, none));

        assertThat(only(chats.get(0)).silent()).isTrue();
        assertThat(only(chats.get(1)).silent()).isFalse();
        assertThat(only(chats.get(2)).silent()).isFalse();
        assertThat(only(chats.get(0)).text()).contains(inside.getTxHash());
    }
}
