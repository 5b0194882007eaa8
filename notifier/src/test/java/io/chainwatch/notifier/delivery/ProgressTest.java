package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.delivery.Progress.Edit;
import io.chainwatch.notifier.delivery.Progress.Original;
import io.chainwatch.notifier.delivery.Progress.Skip;
import io.chainwatch.notifier.delivery.Progress.SkipReason;
import io.chainwatch.notifier.ledger.MessageRef;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;

class ProgressTest {

    private static final long CHAT = 42;
    private static final MessageRef SINGLE = new MessageRef(CHAT, 17, 1);

    private static Alert progress(int depth) {
        return alert().chat(CHAT).kind(AlertKind.TOKEN_IN).logIndex(3).generation(1).phase(AlertPhase.PROGRESS)
                .confirmations(depth, 0).build();
    }

    private static Original delivered(MessageRef message) {
        return new Original(Optional.of(message), false, OptionalInt.empty());
    }

    @Test
    void shouldFindTheOriginalAndTheOrphanedIdsOfAProgressStep() {
        Alert original = alert().chat(CHAT).kind(AlertKind.TOKEN_IN).logIndex(3).generation(1).confirmations(0, 0)
                .build();
        Alert orphaned = alert().chat(CHAT).kind(AlertKind.TOKEN_IN).logIndex(3).generation(1).phase(
                AlertPhase.ORPHANED).build();
        Alert step = progress(12);

        assertThat(step.getId()).endsWith(":TOKEN_IN#3@PROGRESS12~g1");
        assertThat(AlertIds.announcementIdOf(step.getId())).isEqualTo(original.getId());
        assertThat(AlertIds.orphanedIdOf(step.getId())).isEqualTo(orphaned.getId());
        assertThat(AlertIds.progressDepthOf(step.getId())).hasValue(12);
    }

    @Test
    void shouldLeaveIdsWithoutAProgressMarkerAlone() {
        Alert original = alert().build();

        assertThat(AlertIds.announcementIdOf(original.getId())).isEqualTo(original.getId());
        assertThat(AlertIds.progressDepthOf(original.getId())).isEmpty();
        assertThat(AlertIds.progressDepthOf("eth:0xab:1:NATIVE_IN@PROGRESS")).isEmpty();
    }

    @Test
    void shouldEditTheSingleMessageThatAnnouncedTheOriginal() {
        assertThat(Progress.decide(progress(3), CHAT, false, delivered(SINGLE))).isEqualTo(new Edit(SINGLE));
    }

    @Test
    void shouldEditWhenTheStepIsDeeperThanWhatTheMessageShows() {
        Original shown = new Original(Optional.of(SINGLE), false, OptionalInt.of(2));

        assertThat(Progress.decide(progress(3), CHAT, false, shown)).isEqualTo(new Edit(SINGLE));
    }

    @Test
    void shouldSkipWhenTheOriginalWasNeverDelivered() {
        Original none = new Original(Optional.empty(), false, OptionalInt.empty());

        assertThat(Progress.decide(progress(3), CHAT, false, none)).isEqualTo(new Skip(SkipReason.NO_SINGLE_MESSAGE));
    }

    @Test
    void shouldSkipWhenTheOriginalWasAnnouncedInADigestOrToAnotherChat() {
        assertThat(Progress.decide(progress(3), CHAT, false, delivered(new MessageRef(CHAT, 17, 5)))).isEqualTo(
                new Skip(SkipReason.NO_SINGLE_MESSAGE));
        assertThat(Progress.decide(progress(3), CHAT, false, delivered(new MessageRef(-100, 17, 1)))).isEqualTo(
                new Skip(SkipReason.NO_SINGLE_MESSAGE));
    }

    @Test
    void shouldSkipWhenTheBlockWasOrphanedAlready() {
        Original orphaned = new Original(Optional.of(SINGLE), true, OptionalInt.empty());

        assertThat(Progress.decide(progress(3), CHAT, false, orphaned)).isEqualTo(new Skip(SkipReason.ORPHANED));
    }

    @Test
    void shouldSkipWhenTheSameOrADeeperDepthIsShownAlready() {
        Original deeper = new Original(Optional.of(SINGLE), false, OptionalInt.of(5));
        Original same = new Original(Optional.of(SINGLE), false, OptionalInt.of(3));

        assertThat(Progress.decide(progress(3), CHAT, false, deeper)).isEqualTo(new Skip(SkipReason.NOT_DEEPER));
        assertThat(Progress.decide(progress(3), CHAT, false, same)).isEqualTo(new Skip(SkipReason.NOT_DEEPER));
    }

    @Test
    void shouldDropProgressWhenTheChatIsBacklogged() {
        assertThat(Progress.decide(progress(3), CHAT, true, delivered(SINGLE))).isEqualTo(new Skip(
                SkipReason.BACKLOGGED));
    }
}
