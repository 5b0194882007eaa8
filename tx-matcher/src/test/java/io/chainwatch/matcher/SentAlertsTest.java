package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.Topics;

class SentAlertsTest {

    @Test
    void shouldKeepABlocksAlertsInOrderInRecordsOfAtMostTheLimit() {
        List<Alert> alerts = IntStream.range(0, 2 * SentAlerts.MAX_ALERTS + 1).mapToObj(SentAlertsTest::alert)
                .toList();

        List<byte[]> records = SentAlerts.encode(alerts.stream().map(Topics.ALERTS::serializeValue).toList());

        assertThat(records).hasSize(3);
        assertThat(records.stream().map(SentAlerts::decode).map(List::size)).containsExactly(SentAlerts.MAX_ALERTS,
                SentAlerts.MAX_ALERTS, 1);
        assertThat(records.stream().flatMap(record -> SentAlerts.decode(record).stream())).containsExactlyElementsOf(
                alerts);
    }

    @Test
    void shouldWriteNoRecordForNoAlerts() {
        assertThat(SentAlerts.encode(List.of())).isEmpty();
    }

    @Test
    void shouldReadTheOneAlertRecordsOfEarlierVersions() {
        byte[] earlier = Topics.ALERTS.serializeValue(alert(7));

        assertThat(SentAlerts.decode(earlier)).containsExactly(alert(7));
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        assertThatThrownBy(() -> SentAlerts.decode(new byte[]{9, 0, 0, 0, 0})).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("format");
    }

    private static Alert alert(int chat) {
        return Alert.newBuilder().setId("devnet:0xabc:" + chat + ":NATIVE_IN").setChatId(chat).setWatchId(chat)
                .setChain("devnet").setKind(AlertKind.NATIVE_IN).setTxHash("0xabc").setBlockNumber(12).setBlockHash(
                        "0xb12")
                .setBlockTimestamp(1_700_000_000L).setConfirmations(1).setWatched("0x1111").setFrom(
                        "0x2222")
                .setTo("0x1111").setAmount("1").setFlags(List.of()).build();
    }
}
