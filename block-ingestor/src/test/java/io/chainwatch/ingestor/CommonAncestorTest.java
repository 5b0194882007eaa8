package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonAncestorTest {

    @ParameterizedTest
    @ValueSource(longs = {100, 101, 150, 1123, 1124})
    void shouldFindTheHighestAgreeingHeightWithLogarithmicallyManyQuestions(long ancestor) {
        List<Long> asked = new ArrayList<>();
        long found = CommonAncestor.highestAgreeing(100, 1124, n -> {
            asked.add(n);
            return n <= ancestor;
        });
        assertThat(found).isEqualTo(ancestor);
        assertThat(asked).hasSizeLessThanOrEqualTo(11).allMatch(n -> n >= 100 && n <= 1124);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 99})
    void shouldAnswerOneBelowTheRangeWhenNothingAgrees(long low) {
        assertThat(CommonAncestor.highestAgreeing(low, low + 20, n -> false)).isEqualTo(low - 1);
    }
}
