package io.chainwatch.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.schema.WatchFilters;

/** Reads the {@code watches.filters} JSON column into the Avro {@link WatchFilters}. Thread-safe. */
final class WatchFiltersJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WatchFiltersJson() {
    }

    /** Null or unreadable JSON: null (no filters, everything is reported). */
    static WatchFilters parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            WatchFilters filters = WatchFilters.newBuilder().build();
            filters.setIncoming(node.path("incoming").asBoolean(true));
            filters.setOutgoing(node.path("outgoing").asBoolean(true));
            filters.setNativeTransfers(node.path("nativeTransfers").asBoolean(true));
            filters.setTokens(node.path("tokens").asBoolean(true));
            filters.setNfts(node.path("nfts").asBoolean(true));
            filters.setHideSpam(node.path("hideSpam").asBoolean(false));
            JsonNode min = node.path("minNativeWei");
            filters.setMinNativeWei(min.isMissingNode() || min.isNull() ? null : min.asText());
            return filters;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
