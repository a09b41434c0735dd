package dev.artifactlifecycle.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout pattern below the prefix, such as {@code {pipeline}/{run}} or {@code {team}/{pipeline}/builds/{run}}.
 * The pipeline key is every segment before {@code {run}}, joined by "/". A key belongs to a run when its segments fit
 * the pattern up to and including {@code {run}} and at least one more non-empty segment follows.
 */
public final class KeyTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String text;
    /** null for a placeholder segment, the literal text otherwise; the last entry is {run}. */
    private final List<String> literals;

    private KeyTemplate(String text, List<String> literals) {
        this.text = text;
        this.literals = literals;
    }

    /** @throws IllegalArgumentException naming what is wrong and how to write it */
    public static KeyTemplate parse(String text) {
        Objects.requireNonNull(text, "pattern");
        String[] segments = text.split("/", -1);
        List<String> literals = new ArrayList<>();
        int pipelineAt = -1;
        int runAt = -1;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                throw new IllegalArgumentException(
                        "segment " + (i + 1) + " is empty; write segments separated by single '/', with none at either end");
            }
            var m = PLACEHOLDER.matcher(s);
            if (m.matches()) {
                String name = m.group(1);
                if (name.equals("pipeline")) {
                    if (pipelineAt >= 0) {
                        throw new IllegalArgumentException("{pipeline} appears more than once");
                    }
                    pipelineAt = i;
                } else if (name.equals("run")) {
                    if (runAt >= 0) {
                        throw new IllegalArgumentException("{run} appears more than once");
                    }
                    runAt = i;
                }
                literals.add(null);
            } else if (s.contains("{") || s.contains("}")) {
                throw new IllegalArgumentException("segment '" + s
                        + "' mixes text and braces; a placeholder must be a whole segment such as {pipeline}");
            } else {
                literals.add(s);
            }
        }
        if (pipelineAt < 0) {
            throw new IllegalArgumentException("{pipeline} is missing; e.g. \"{pipeline}/{run}\"");
        }
        if (runAt < 0) {
            throw new IllegalArgumentException("{run} is missing; e.g. \"{pipeline}/{run}\"");
        }
        if (runAt != segments.length - 1) {
            throw new IllegalArgumentException("{run} must be the last segment; the run's files follow it");
        }
        if (pipelineAt > runAt) {
            throw new IllegalArgumentException("{pipeline} must come before {run}");
        }
        // List.copyOf refuses the null entries that mark placeholders.
        return new KeyTemplate(text, java.util.Collections.unmodifiableList(literals));
    }

    /** Where a key sits in the layout. */
    public record Location(String pipeline, String runId, String runRelativePrefix, String rest) {}

    /**
     * Places a key given relative to the layout prefix. Empty when it does not fit: too few segments, a literal
     * segment that differs, an empty pipeline or run segment, or nothing after the run segment.
     */
    public Optional<Location> locate(String relativeKey) {
        int segmentsBeforeRest = literals.size();
        int start = 0;
        for (int i = 0; i < segmentsBeforeRest; i++) {
            int slash = relativeKey.indexOf('/', start);
            if (slash < 0) {
                return Optional.empty();
            }
            String segment = relativeKey.substring(start, slash);
            String literal = literals.get(i);
            if (segment.isEmpty() || (literal != null && !literal.equals(segment))) {
                return Optional.empty();
            }
            start = slash + 1;
        }
        String rest = relativeKey.substring(start);
        if (rest.isEmpty() || rest.startsWith("/")) {
            return Optional.empty();
        }
        String runRelativePrefix = relativeKey.substring(0, start);
        String withoutSlash = runRelativePrefix.substring(0, runRelativePrefix.length() - 1);
        int lastSlash = withoutSlash.lastIndexOf('/');
        String pipeline = lastSlash < 0 ? "" : withoutSlash.substring(0, lastSlash);
        String runId = withoutSlash.substring(lastSlash + 1);
        return Optional.of(new Location(pipeline, runId, runRelativePrefix, rest));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
