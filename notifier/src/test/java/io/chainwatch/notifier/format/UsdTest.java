package io.chainwatch.notifier.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5112.49|$5,112", "5112.5|$5,113", "1234567.8|$1,234,568", "100|$100",
            "99.999|$100", "99.994|$99.99", "12.345|$12.35", "0.5|$0.50", "0.01|$0.01", "0.009|< $0.01", "0|$0",
            "-42.1|$42.10"})
    void shouldShowWholeDollarsFromAHundredAndCentsBelow(String value, String shown) {
        assertThat(Usd.format(new BigDecimal(value))).isEqualTo(shown);
    }
}
