package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.InternalTransfer;

class InternalTransfersTest {

    static Map<String, Object> call(String from, String to, String value, List<Map<String, Object>> calls) {
        return Map.of("type", "CALL", "from", from, "to", to, "value", value, "calls", calls);
    }

    @Test
    void shouldCollectNestedValueCallsButNotTheTopLevelOneNorFailedOrEmptyOnes() {
        Map<String, Object> failed = Map.of("type", "CALL", "from", "0xC", "to", "0xE", "value", "0x5", "error",
                "reverted", "calls", List.of(call("0xE", "0xF", "0x9", List.of())));
        Map<String, Object> top = call("0xA", "0xB", "0x64", List.of(call("0xB", "0xC", "0x10", List.of(call("0xC",
                "0xD", "0x1", List.of()), failed)), call("0xB", "0xG", "0x0", List.of())));
        Map<String, List<InternalTransfer>> byTx = InternalTransfers.fromBlockTrace(List.of(Map.of("txHash", "0xT1",
                "result", top), Map.of("txHash", "0xT2", "result", call("0xA", "0xB", "0x1", List.of()))));
        assertThat(byTx).containsOnlyKeys("0xt1");
        assertThat(byTx.get("0xt1")).extracting(InternalTransfer::getFrom, InternalTransfer::getTo,
                InternalTransfer::getValue, InternalTransfer::getTraceIndex).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0xb", "0xc", "16", 0),
                        org.assertj.core.groups.Tuple.tuple("0xc",
                                "0xd", "1", 1));
    }

    @Test
    void shouldSkipMalformedTraces() {
        assertThat(InternalTransfers.fromBlockTrace(List.of(Map.of("txHash", 7), Map.of("result", "x"), Map.of(
                "txHash", "0x1", "result",
                Map.of("calls", List.of(Map.of("value", "0xzz", "from", "0x1", "to", "0x2")))))))
                .isEmpty();
    }
}
