package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeAmountTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"0.5, 500000000000000000", "1, 1000000000000000000", ".25, 250000000000000000",
            "1., 1000000000000000000",
            "0.000000000000000001, 1", "1000000000000, 1000000000000000000000000000000", "007.10, 7100000000000000000"})
    void shouldConvertToWeiAndBackWhenAmountIsValid(String typed, String wei) {
        NativeAmount.Parsed parsed = NativeAmount.parse(typed, 18);

        assertThat(parsed).isInstanceOf(NativeAmount.Parsed.Amount.class);
        BigDecimal coins = ((NativeAmount.Parsed.Amount) parsed).coins();
        assertThat(NativeAmount.toWei(coins, 18)).isEqualTo(new BigInteger(wei));
        assertThat(new BigDecimal(NativeAmount.format(new BigInteger(wei), 18))).isEqualByComparingTo(coins);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"-1|Negative", "-0.5|Negative", "0,5|Comma", "1,000|Comma", "1,0,0|NotANumber",
            "abc|NotANumber", "1e9|NotANumber", "0x10|NotANumber", "|NotANumber", ".|NotANumber", "--1|NotANumber",
            "1.2.3|NotANumber", "١|NotANumber", "0.0000000000000000001|TooPrecise", "1000000000000.1|TooLarge",
            "99999999999999999999999999999999999999999|NotANumber"})
    void shouldSayWhatIsWrongWhenAmountIsInvalid(String typed, String problem) {
        NativeAmount.Parsed parsed = NativeAmount.parse(typed == null ? "" : typed, 18);

        assertThat(parsed.getClass().getSimpleName()).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource({"500000000000000000, 0.5", "1000000000000000000, 1", "1, 0.000000000000000001", "0, 0"})
    void shouldFormatWeiWithoutTrailingZeros(String wei, String shown) {
        assertThat(NativeAmount.format(new BigInteger(wei), 18)).isEqualTo(shown);
    }
}
