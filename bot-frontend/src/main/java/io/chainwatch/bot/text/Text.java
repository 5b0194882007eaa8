package io.chainwatch.bot.text;

/** Cleaning of user-written text (labels, echoed arguments). Stateless. */
public final class Text {

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Text() {
    }

    /**
     * Removes what must never be stored or shown back: control characters (line breaks become spaces), bidirectional
     * overrides and other invisible format characters (which could disguise an address or a label), and unpaired
     * surrogates; collapses runs of blanks and strips the ends. The zero-width joiner stays, emoji need it.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                if (!lastWasSpace) {
                    out.append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            int type = Character.getType(cp);
            boolean invisible = (type == Character.FORMAT && cp != ZERO_WIDTH_JOINER) || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            if (!invisible) {
                out.appendCodePoint(cp);
                lastWasSpace = false;
            }
        }
        return out.toString().strip();
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
