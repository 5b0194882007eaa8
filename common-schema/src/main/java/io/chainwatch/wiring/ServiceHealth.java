package io.chainwatch.wiring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service says of itself under {@code /health}: whether it is healthy, and the details shown under its name
 * (in their order).
 */
public record ServiceHealth(boolean healthy, Map<String, ?> details) {

    public ServiceHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
