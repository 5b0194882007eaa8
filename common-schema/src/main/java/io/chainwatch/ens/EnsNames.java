package io.chainwatch.ens;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Name normalisation: a pragmatic subset of ENSIP-15, the rules the ENS app applies before hashing a name. A name is
 * labels separated by dots; after Unicode NFC and lower-casing, each label may hold
 * <ul>
 * <li>ASCII letters, digits and hyphens, but not {@code --} as its third and fourth characters (punycode's
 * {@code xn--});</li>
 * <li>underscores, only at its start;</li>
 * <li>letters of other scripts, lower-cased, but not the letters of two of the scripts that look alike (Latin, Greek,
 * Cyrillic, Armenian) in one label: {@code vіtalik} with a Cyrillic {@code і} is refused.</li>
 * </ul>
 * Empty labels, whitespace, control and invisible characters, punctuation, symbols and emoji are refused. Why a
 * subset: full ENSIP-15 needs its 800 kB of Unicode tables (emoji sequences, confusable groups), and every name this
 * refuses is only shown as its address — never as someone else's name. Whole-script confusables (a label entirely in
 * Cyrillic that reads like a Latin one) are not detected. Stateless.
 */
public final class EnsNames {

    /** Longest name accepted, in characters: longer ones are no one's wallet name, and would fill a message. */
    public static final int MAX_NAME_CHARS = 255;

    private static final Set<Character.UnicodeScript> LOOK_ALIKE_SCRIPTS = EnumSet.of(Character.UnicodeScript.LATIN,
            Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.ARMENIAN);

    private EnsNames() {
    }

    /** A name checked by {@link #normalise}. */
    public sealed interface Normalised {

        /** @param name the normalised name, to hash and to show */
        record Valid(String name) implements Normalised {
        }

        /** @param reason why, in words for people (never quotes the input) */
        record Invalid(String reason) implements Normalised {
        }
    }

    /** {@code name} normalised, or why it cannot be an ENS name here. */
    public static Normalised normalise(String name) {
        if (name == null || name.isEmpty()) {
            return new Normalised.Invalid("it is empty");
        }
        if (name.length() > MAX_NAME_CHARS) {
            return new Normalised.Invalid("it is longer than " + MAX_NAME_CHARS + " characters");
        }
        String normal = Normalizer.normalize(Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(
                Locale.ROOT), Normalizer.Form.NFC);
        for (String label : normal.split("\\.", -1)) {
            String problem = problem(label);
            if (problem != null) {
                return new Normalised.Invalid(problem);
            }
        }
        return new Normalised.Valid(normal);
    }

    /** Whether {@code name} is already in normal form (a name a resolver returns must be). */
    public static boolean isNormal(String name) {
        return normalise(name) instanceof Normalised.Valid valid && valid.name().equals(name);
    }

    private static String problem(String label) {
        if (label.isEmpty()) {
            return "it has an empty label (two dots in a row, or a dot at an end)";
        }
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-' && label.chars().allMatch(
                c -> c < 0x80)) {
            return "a label has -- as its third and fourth characters";
        }
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        boolean leading = true;
        for (int i = 0; i < label.length();) {
            int cp = label.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '_') {
                if (!leading) {
                    return "an underscore may only start a label";
                }
                continue;
            }
            leading = false;
            if (cp >= 'a' && cp <= 'z') {
                scripts.add(Character.UnicodeScript.LATIN);
                continue;
            }
            if (cp >= '0' && cp <= '9' || cp == '-') {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "it contains a space";
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return "it contains an invisible or control character";
            }
            if (cp < 0x80 || !Character.isLetter(cp)) {
                return String.format(Locale.ROOT, "it contains a character ENS names may not have (U+%04X)", cp);
            }
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return String.format(Locale.ROOT, "it contains a letter without a lower case (U+%04X)", cp);
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            scripts.add(script);
        }
        scripts.retainAll(LOOK_ALIKE_SCRIPTS);
        if (scripts.size() > 1) {
            return "a label mixes letters of scripts that look alike (" + scripts.stream().map(s -> s.name()
                    .toLowerCase(Locale.ROOT)).sorted().reduce((a, b) -> a + " and " + b).orElse("") + ")";
        }
        return null;
    }
}
