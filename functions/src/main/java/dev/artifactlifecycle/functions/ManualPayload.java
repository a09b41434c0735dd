package dev.artifactlifecycle.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifactlifecycle.core.InvalidInputException;
import dev.artifactlifecycle.core.IsoTime;
import dev.artifactlifecycle.core.policy.Glob;
import dev.artifactlifecycle.core.sweep.SweepId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A manual invocation's payload: {@code {"dryRun": true, "asOf": "...", "pipelines": ["..."], "force": false}}. Every
 * field is optional; a payload without {@code dryRun} is a dry run. Unknown fields are refused, so a typo such as
 * {@code "dryrun": false} cannot silently turn into a dry run that someone believes applied (or the reverse).
 */
record ManualPayload(boolean dryRun, Instant asOf, List<Glob> pipelines, boolean force) {
    static final Set<String> FIELDS = Set.of("dryRun", "asOf", "pipelines", "force");

    /**
     * The continuation of a checkpointed sweep, {@code {"resume": "<sweepId>"}}: what a sweep near its timeout sends
     * itself, and what an operator sends to finish a sweep whose chain broke. Empty for any other payload.
     */
    static Optional<String> resume(JsonNode event) {
        if (event == null || !event.isObject() || !event.has("resume")) {
            return Optional.empty();
        }
        JsonNode r = event.get("resume");
        if (event.size() != 1) {
            throw new InvalidInputException("payload field \"resume\" stands alone: a resumed sweep keeps the"
                    + " pipelines, force and mode it started with; send only {\"resume\": \"<sweepId>\"}");
        }
        if (!r.isTextual() || !SweepId.isValid(r.asText())) {
            throw new InvalidInputException("payload field \"resume\" is " + r + "; it takes a sweep id such as"
                    + " \"20261121T020000Z-3f9a1c0b\" (the sweepId of the report that said CONTINUED)");
        }
        return Optional.of(r.asText());
    }

    static ManualPayload parse(JsonNode event) {
        if (event == null || event.isNull()) {
            return new ManualPayload(true, null, List.of(), false);
        }
        if (!event.isObject()) {
            throw new InvalidInputException("the payload must be a JSON object such as {\"dryRun\": true}, got "
                    + event);
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add("payload field \"" + f + "\" is unknown; allowed: dryRun, asOf, pipelines, force");
            }
        }
        boolean dryRun = bool(event, "dryRun", true, problems);
        boolean force = bool(event, "force", false, problems);
        if (force && dryRun) {
            problems.add("payload field \"force\": true only matters to an apply (it lets the apply past the policy's"
                    + " safety limits); a dry run already shows what the guard would say; add \"dryRun\": false or"
                    + " drop force");
        }
        Instant asOf = null;
        JsonNode a = event.get("asOf");
        if (a != null && !a.isNull()) {
            asOf = a.isTextual() ? IsoTime.parse(a.asText()).orElse(null) : null;
            if (asOf == null) {
                problems.add("payload field \"asOf\" is " + a + "; write an ISO-8601 time such as \"2027-01-01\" or"
                        + " \"2027-01-01T02:00:00Z\"");
            } else if (!dryRun) {
                problems.add("payload field \"asOf\" is only allowed in a dry run: an apply always acts on the current"
                        + " time; drop asOf or \"dryRun\": false");
            }
        }
        List<Glob> pipelines = new ArrayList<>();
        JsonNode p = event.get("pipelines");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                problems.add("payload field \"pipelines\" must be a list of globs such as [\"release-*\"], got " + p);
            } else {
                for (int i = 0; i < p.size(); i++) {
                    JsonNode g = p.get(i);
                    try {
                        if (!g.isTextual()) {
                            throw new IllegalArgumentException("it is " + g + ", not a string");
                        }
                        pipelines.add(Glob.compile(g.asText()));
                    } catch (IllegalArgumentException e) {
                        problems.add("payload field \"pipelines[" + i + "]\" is not a valid glob: " + e.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid payload:\n  - " + String.join("\n  - ", problems));
        }
        return new ManualPayload(dryRun, asOf, pipelines, force);
    }

    private static boolean bool(JsonNode event, String field, boolean dflt, List<String> problems) {
        JsonNode n = event.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            problems.add("payload field \"" + field + "\" must be true or false, got " + n);
            return dflt;
        }
        return n.asBoolean();
    }
}
