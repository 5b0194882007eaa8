package io.chainwatch.matcher;

import static io.chainwatch.matcher.TestStores.alert;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;

class HeldAlertsTest {

    private static final String ETH = "ethereum";

    private final KeyValueStore<String, Alert> store = TestStores.alerts("held");
    private final HeldAlerts held = new HeldAlerts(store);

    @Test
    void shouldReleaseHeldAlertsInReleaseOrderOnceTheHeadReachesThem() {
        Alert deep = alert(ETH, 1, 100, "0xa", 6);
        Alert shallow = alert(ETH, 2, 101, "0xb", 2);
        held.hold("deep", deep, 105);
        held.hold("shallow", shallow, 102);

        assertThat(held.takeDue(ETH, 101)).isEmpty();
        assertThat(held.takeDue(ETH, 104)).containsExactly(shallow);
        assertThat(held.takeDue(ETH, 104)).isEmpty();
        assertThat(TestStores.contentOf(store)).containsOnlyKeys(StoreKeys.pending(ETH, 105, 100, "0xa", "deep"));
        assertThat(held.takeDue(ETH, 110)).containsExactly(deep);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldNotScanBelowTheEarliestReleaseHeightKnownButLowerItForWhatItHolds() {
        held.hold("late", alert(ETH, 1, 100, "0xa", 11), 110);
        assertThat(held.takeDue(ETH, 100)).isEmpty(); // now knows: nothing before 110
        Alert behindItsBack = alert(ETH, 2, 100, "0xa", 3);
        store.put(StoreKeys.pending(ETH, 102, 100, "0xa", "behind"), behindItsBack);

        assertThat(held.takeDue(ETH, 102)).as("no scan below 110").isEmpty();

        Alert early = alert(ETH, 3, 101, "0xa", 2);
        held.hold("early", early, 102);
        assertThat(held.takeDue(ETH, 102)).containsExactly(behindItsBack, early);
    }

    @Test
    void shouldScanAgainWhenMadeAnewForTheSameStore() {
        Alert alert = alert(ETH, 1, 100, "0xa", 3);
        held.hold("a", alert, 102);
        assertThat(held.takeDue(ETH, 100)).isEmpty();

        HeldAlerts restarted = new HeldAlerts(store);

        assertThat(restarted.takeDue(ETH, 102)).containsExactly(alert);
    }

    @Test
    void shouldKeepEachChainApart() {
        Alert onEth = alert(ETH, 1, 100, "0xa", 3);
        Alert onEthTwin = alert("eth", 1, 100, "0xa", 3); // a chain whose name is a prefix of another's
        held.hold("a", onEth, 102);
        held.hold("a", onEthTwin, 102);

        assertThat(held.takeDue("eth", 102)).containsExactly(onEthTwin);
        assertThat(held.takeOfBlock("eth", "0xa")).isEmpty();
        assertThat(held.takeDue(ETH, 102)).containsExactly(onEth);
    }

    @Test
    void shouldTakeOutOnlyTheAlertsOfTheRevertedBlock() {
        Alert ofA = alert(ETH, 1, 100, "0xa", 3);
        Alert ofB = alert(ETH, 2, 100, "0xb", 3);
        held.hold("1", ofA, 102);
        held.hold("2", ofB, 102);
        assertThat(held.takeDue(ETH, 100)).isEmpty();

        assertThat(held.takeOfBlock(ETH, "0xa")).containsExactly(ofA);

        assertThat(TestStores.contentOf(store)).containsOnlyKeys(StoreKeys.pending(ETH, 102, 100, "0xb", "2"));
        assertThat(held.takeDue(ETH, 102)).containsExactly(ofB);
    }

    @Test
    void shouldStopHoldingAnAlertHeldForABlockThatLeftTheChain() {
        held.hold("1", alert(ETH, 1, 100, "0xa", 3), 102);

        held.drop(ETH, "1", 102, 100, "0xa");

        assertThat(store.approximateNumEntries()).isZero();
        assertThat(held.takeDue(ETH, 200)).isEmpty();
    }
}
