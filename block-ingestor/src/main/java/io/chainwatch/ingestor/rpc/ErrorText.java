package io.chainwatch.ingestor.rpc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.config.ChainConfig;

/**
 * Makes an error text safe to show in logs and {@code /health}: an RPC URL's path, query and user info often carry
 * an API key ({@code /v3/<key>}), and answers echo them ("Cannot POST /v3/<key>"). URLs are cut to their host, the
 * endpoint's own secret parts are removed wherever they appear, and the text is kept short. Pure.
 */
final class ErrorText {

    static final int MAX_LENGTH = 200;
    /** Shorter path segments ("v3", "rpc") are no secret, and removing them would garble messages. */
    private static final int MIN_SECRET_LENGTH = 6;
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");
    private static final String REMOVED = "…";

    private ErrorText() {
    }

    /** {@code text} without URLs' secret parts or {@code endpointUrl}'s (may be null), on one short line. */
    static String safe(String text, String endpointUrl) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        Matcher urls = URL.matcher(flat);
        StringBuilder cut = new StringBuilder();
        while (urls.find()) {
            urls.appendReplacement(cut, Matcher.quoteReplacement(ChainConfig.redact(urls.group())));
        }
        urls.appendTail(cut);
        String safe = cut.toString();
        for (String secret : secretsOf(endpointUrl)) {
            safe = safe.replace(secret, REMOVED);
        }
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH) + REMOVED;
    }

    /** The parts of {@code url} that may hold a key, longest first, raw and decoded. */
    static List<String> secretsOf(String url) {
        List<String> secrets = new ArrayList<>();
        if (url == null) {
            return secrets;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return secrets;
        }
        addSecret(secrets, uri.getRawUserInfo());
        addSecret(secrets, uri.getRawQuery());
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            addSecret(secrets, path);
            for (String segment : path.split("/")) {
                addSecret(secrets, segment);
            }
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                addSecret(secrets, pair.substring(pair.indexOf('=') + 1));
            }
        }
        secrets.sort((a, b) -> b.length() - a.length());
        return secrets;
    }

    private static void addSecret(List<String> secrets, String part) {
        if (part == null || part.length() < MIN_SECRET_LENGTH) {
            return;
        }
        secrets.add(part);
        String decoded = URLDecoder.decode(part, StandardCharsets.UTF_8);
        if (!decoded.equals(part)) {
            secrets.add(decoded);
        }
    }

    /** The standard reason phrase of an HTTP status, with a leading space; empty for one not listed. */
    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 402 -> " Payment Required";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 408 -> " Request Timeout";
            case 413 -> " Content Too Large";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 501 -> " Not Implemented";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }
}
