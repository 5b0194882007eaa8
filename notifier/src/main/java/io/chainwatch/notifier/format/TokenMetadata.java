package io.chainwatch.notifier.format;

import java.util.Optional;

/**
 * What an ERC-20 contract says about itself: the symbol and decimals its amounts are shown with. Both come from the
 * token's deployer, so anyone can claim to be "USDT": messages show the token's address next to the symbol, and the
 * symbol is cleaned (no control, formatting or bidi characters that could reorder the text around it) and cut to
 * {@value #MAX_SYMBOL_CHARS} characters before it is escaped.
 *
 * @param symbol the cleaned symbol, never blank
 * @param decimals how many decimals one unit has (0..255, {@code uint8})
 */
public record TokenMetadata(String symbol, int decimals) {

    static final int MAX_SYMBOL_CHARS = 16;
    public static final int MAX_DECIMALS = 255;

    public TokenMetadata {
        if (symbol == null || symbol.isBlank() || decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("not token metadata: '" + symbol + "', " + decimals + " decimals");
        }
    }

    /** The symbol as shown, or empty when nothing printable is left of {@code raw}. */
    public static Optional<String> cleanSymbol(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (!invisible) {
                out.appendCodePoint(cp);
            }
        });
        String cleaned = out.toString().strip().replaceAll(" {2,}", " ");
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(Html.truncate(cleaned, MAX_SYMBOL_CHARS));
    }
}
