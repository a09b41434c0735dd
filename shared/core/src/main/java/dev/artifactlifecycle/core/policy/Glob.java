package dev.artifactlifecycle.core.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over "/"-separated names (pipeline keys, object keys). {@code *} and {@code ?} stay within one segment,
 * {@code **} crosses segments ({@code **}{@code /} also matches no segment at all), {@code [abc]} and {@code [a-z]}
 * match one character, {@code {a,b}} matches either alternative.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;
    private final boolean exact;

    private Glob(String text, Pattern pattern, boolean exact) {
        this.text = text;
        this.pattern = pattern;
        this.exact = exact;
    }

    /** Matches {@code name} and nothing else, whatever characters it holds. */
    public static Glob exactly(String name) {
        Objects.requireNonNull(name, "name");
        return new Glob(name, Pattern.compile(Pattern.quote(name), Pattern.DOTALL), true);
    }

    /** @throws IllegalArgumentException with a message that says what is wrong with the glob */
    public static Glob compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("a glob cannot be empty");
        }
        StringBuilder regex = new StringBuilder();
        int braceDepth = 0;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    int stars = 1;
                    while (i + stars < glob.length() && glob.charAt(i + stars) == '*') {
                        stars++;
                    }
                    if (stars > 2) {
                        throw new IllegalArgumentException("'" + "*".repeat(stars) + "' at position " + i
                                + " is not a glob; use * (within a segment) or ** (across segments)");
                    }
                    if (stars == 2) {
                        boolean slashFollows = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        if (slashFollows) {
                            regex.append("(?:.*/)?");
                            i += 3;
                        } else {
                            regex.append(".*");
                            i += 2;
                        }
                    } else {
                        regex.append("[^/]*");
                        i++;
                    }
                }
                case '?' -> {
                    regex.append("[^/]");
                    i++;
                }
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("'[' at position " + i + " is never closed with ']'");
                    }
                    String body = glob.substring(i + 1, close);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty()) {
                        throw new IllegalArgumentException("'[]' at position " + i + " is an empty character class");
                    }
                    regex.append(negate ? "[^/" : "[");
                    for (char b : body.toCharArray()) {
                        if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                            regex.append('\\');
                        }
                        regex.append(b);
                    }
                    regex.append(']');
                    i = close + 1;
                }
                case '{' -> {
                    if (braceDepth > 0) {
                        throw new IllegalArgumentException("nested '{' at position " + i + " is not supported");
                    }
                    braceDepth++;
                    regex.append("(?:");
                    i++;
                }
                case ',' -> {
                    regex.append(braceDepth > 0 ? "|" : ",");
                    i++;
                }
                case '}' -> {
                    if (braceDepth == 0) {
                        throw new IllegalArgumentException("'}' at position " + i + " has no matching '{'");
                    }
                    braceDepth--;
                    regex.append(')');
                    i++;
                }
                case ']' -> throw new IllegalArgumentException("']' at position " + i + " has no matching '['");
                default -> {
                    regex.append(Pattern.quote(String.valueOf(c)));
                    i++;
                }
            }
        }
        if (braceDepth > 0) {
            throw new IllegalArgumentException("'{' is never closed with '}'");
        }
        return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL), false);
    }

    /** The glob's text when it has no metacharacters, so it matches exactly one name. */
    public java.util.Optional<String> literal() {
        if (exact) {
            return java.util.Optional.of(text);
        }
        for (char c : text.toCharArray()) {
            if ("*?[]{},".indexOf(c) >= 0) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(text);
    }

    /** True when any glob matches; an empty list matches nothing. */
    public static boolean anyMatches(java.util.List<Glob> globs, String name) {
        for (Glob g : globs) {
            if (g.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.text.equals(text) && g.exact == exact;
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
