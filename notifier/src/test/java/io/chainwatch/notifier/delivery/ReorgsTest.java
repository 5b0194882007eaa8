package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;

class ReorgsTest {

    @Test
    void shouldFindTheOriginalIdOfAnOrphanedAlert() {
        Alert original = alert().kind(AlertKind.TOKEN_IN).logIndex(3).build();
        Alert orphaned = alert().kind(AlertKind.TOKEN_IN).logIndex(3).phase(AlertPhase.ORPHANED).build();

        assertThat(orphaned.getId()).isNotEqualTo(original.getId());
        assertThat(Reorgs.originalId(orphaned)).isEqualTo(original.getId());
    }
}
