package io.chainwatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AlertIdsTest {

    private static final String TX = "0x" + "ab".repeat(32);

    private static Alert alert(AlertPhase phase, int logIndex, int generation, int confirmations) {
        return Alert.newBuilder().setId("").setChatId(42).setWatchId(1).setChain("eth").setKind(AlertKind.TOKEN_IN)
                .setPhase(phase).setTxHash(TX).setLogIndex(logIndex).setBlockNumber(7).setBlockHash("0x07")
                .setBlockTimestamp(0).setConfirmations(confirmations).setWatched("0x01").setFrom("0x02")
                .setGeneration(generation).build();
    }

    @Test
    void theFirstAnnouncementHasThePlainKey() {
        assertEquals("eth:" + TX + ":42:TOKEN_IN#3", AlertIds.idOf(alert(AlertPhase.CONFIRMED, 3, 0, 1)));
        assertEquals("eth:" + TX + ":42:TOKEN_IN", AlertIds.idOf(alert(AlertPhase.CONFIRMED, -1, 0, 1)));
    }

    @Test
    void followUpsNameTheirPhaseAndGeneration() {
        assertEquals("eth:" + TX + ":42:TOKEN_IN#3@ORPHANED~g1", AlertIds.idOf(alert(AlertPhase.ORPHANED, 3, 1, 0)));
        assertEquals("eth:" + TX + ":42:TOKEN_IN#3~g2", AlertIds.idOf(alert(AlertPhase.CONFIRMED, 3, 2, 1)));
    }

    @Test
    void aFollowUpLeadsBackToItsAnnouncementAndToItsOrphanedFollowUp() {
        String announcement = AlertIds.idOf(alert(AlertPhase.CONFIRMED, 3, 1, 1));
        String orphaned = AlertIds.idOf(alert(AlertPhase.ORPHANED, 3, 1, 0));
        String step = AlertIds.idOf(alert(AlertPhase.PROGRESS, 3, 1, 12));

        assertEquals(announcement, AlertIds.announcementIdOf(orphaned));
        assertEquals(announcement, AlertIds.announcementIdOf(step));
        assertEquals(announcement, AlertIds.announcementIdOf(announcement));
        assertEquals(orphaned, AlertIds.orphanedIdOf(step));
        assertEquals(java.util.OptionalInt.of(12), AlertIds.progressDepthOf(step));
        assertEquals(java.util.OptionalInt.empty(), AlertIds.progressDepthOf(orphaned));
        assertEquals(java.util.OptionalInt.empty(), AlertIds.progressDepthOf("eth:0xab:1:NATIVE_IN@PROGRESS"));
        assertEquals("eth:0xab:1:NATIVE_IN@PROGRESS", AlertIds.announcementIdOf("eth:0xab:1:NATIVE_IN@PROGRESS"));
    }

    @Test
    void eachProgressStepHasItsOwnId() {
        assertEquals("eth:" + TX + ":42:TOKEN_IN#3@PROGRESS6", AlertIds.idOf(alert(AlertPhase.PROGRESS, 3, 0, 6)));
        assertEquals("eth:" + TX + ":42:TOKEN_IN#3@PROGRESS12~g1", AlertIds.idOf(alert(AlertPhase.PROGRESS, 3, 1,
                12)));
        assertNotEquals(AlertIds.idOf(alert(AlertPhase.PROGRESS, 3, 0, 6)), AlertIds.idOf(alert(AlertPhase.PROGRESS,
                3, 0, 12)));
    }

    @Test
    void theNotifiedKeyPrefixesTheId() {
        assertEquals("notified:eth:" + TX + ":42:TOKEN_IN#3", AlertIds.notifiedKey(AlertIds.idOf(alert(
                AlertPhase.CONFIRMED, 3, 0, 1))));
    }
}
