package io.chainwatch.ingestor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chainwatch.schema.InternalTransfer;

/**
 * Native value moved by contracts inside transactions, from {@code debug_traceBlockByNumber} with the call tracer:
 * every nested call (depth ≥ 1) that carries value and did not fail. The top-level call is the transaction itself and
 * is already a native transfer. Pure; the trace is untrusted input, so malformed entries are skipped.
 */
final class InternalTransfers {

    private InternalTransfers() {
    }

    /** Internal transfers per lower-case tx hash, from the tracer's answer (a list of {txHash, result}). */
    @SuppressWarnings("unchecked")
    static Map<String, List<InternalTransfer>> fromBlockTrace(List<Map<String, Object>> traces) {
        Map<String, List<InternalTransfer>> byTx = new HashMap<>();
        for (Map<String, Object> trace : traces) {
            Object txHash = trace.get("txHash");
            Object result = trace.get("result");
            if (!(txHash instanceof String hash) || !(result instanceof Map<?, ?> top)) {
                continue;
            }
            List<InternalTransfer> transfers = new ArrayList<>();
            collect((Map<String, Object>) top, 0, transfers);
            if (!transfers.isEmpty()) {
                byTx.put(hash.toLowerCase(Locale.ROOT), transfers);
            }
        }
        return byTx;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> frame, int depth, List<InternalTransfer> out) {
        if (frame.get("error") != null) {
            return; // a failed call moved nothing, nor did its children
        }
        if (depth > 0) {
            BigInteger value = hex(frame.get("value"));
            Object from = frame.get("from");
            Object to = frame.get("to");
            if (value.signum() > 0 && from instanceof String f && to instanceof String t) {
                out.add(InternalTransfer.newBuilder().setTraceIndex(out.size()).setFrom(f.toLowerCase(Locale.ROOT))
                        .setTo(t.toLowerCase(Locale.ROOT)).setValue(value.toString()).build());
            }
        }
        if (frame.get("calls") instanceof List<?> calls) {
            for (Object call : calls) {
                if (call instanceof Map<?, ?> child) {
                    collect((Map<String, Object>) child, depth + 1, out);
                }
            }
        }
    }

    private static BigInteger hex(Object value) {
        if (value instanceof String s && s.startsWith("0x") && s.length() > 2) {
            try {
                return new BigInteger(s.substring(2), 16);
            } catch (NumberFormatException e) {
                return BigInteger.ZERO;
            }
        }
        return BigInteger.ZERO;
    }
}
