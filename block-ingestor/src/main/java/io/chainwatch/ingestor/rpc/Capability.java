package io.chainwatch.ingestor.rpc;

/**
 * What an endpoint may or may not offer beyond the calls every node answers, and what chainwatch does without it.
 */
public enum Capability {
    /** All receipts of a block in one call, by block hash. */
    BLOCK_RECEIPTS("receipts", "eth_getBlockReceipts", "receipts are read with batched eth_getTransactionReceipt"),
    /** Internal transfers from {@code debug_traceBlockByNumber} with the call tracer. */
    CALL_TRACER("traces", "debug_traceBlockByNumber (callTracer)",
            "internal transfers are not read from this endpoint"),
    /** New heads pushed over a websocket. */
    NEW_HEADS("newHeads", "eth_subscribe newHeads", "new heads are found by polling only");

    private final String shortName;
    private final String method;
    private final String without;

    Capability(String shortName, String method, String without) {
        this.shortName = shortName;
        this.method = method;
        this.without = without;
    }

    /** The name in health output: "receipts", "traces", "newHeads". */
    public String shortName() {
        return shortName;
    }

    /** The call it stands for. */
    public String method() {
        return method;
    }

    /** What chainwatch does on an endpoint that lacks it. */
    public String without() {
        return without;
    }
}
