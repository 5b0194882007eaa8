package io.chainwatch.ingestor;

import java.util.List;
import java.util.Map;

import org.web3j.protocol.core.Response;

/** The answer of {@code debug_traceBlockByNumber} with the call tracer, kept as plain maps. */
public final class BlockTraces extends Response<List<Map<String, Object>>> {
}
