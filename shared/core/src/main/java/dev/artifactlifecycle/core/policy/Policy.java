package dev.artifactlifecycle.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated policy. Build one with {@link PolicyLoader}; an instance is always internally consistent.
 *
 * @param sha256   hex SHA-256 of the policy document's bytes, recorded in every sweep summary
 * @param warnings problems that are not fatal (a tier left before its class's minimum storage duration)
 * @param safety   the kill switch and the guards every apply is checked against
 * @param noncurrentExpireAfterDays in a versioned bucket, noncurrent versions are deleted this many days after they
 *                                  became noncurrent; null leaves them alone
 */
public record Policy(
        int version,
        Layout layout,
        Defaults defaults,
        List<Glob> protectedKeys,
        List<Rule> rules,
        String sha256,
        List<String> warnings,
        Safety safety,
        Integer noncurrentExpireAfterDays) {

    public Policy {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(defaults, "defaults");
        protectedKeys = List.copyOf(protectedKeys);
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(safety, "safety");
    }

    /** The kill switch ({@code safety.dryRunOnly}): every sweep under this policy is a dry run. */
    public boolean dryRunOnly() {
        return safety.dryRunOnly();
    }

    /** The same policy with the kill switch on (set from the environment by the entry points). */
    public Policy withDryRunOnly() {
        return new Policy(version, layout, defaults, protectedKeys, rules, sha256, warnings, safety.withDryRunOnly(),
                noncurrentExpireAfterDays);
    }

    /** The first rule whose {@code pipelines} match wins; a pipeline no rule matches is left untouched. */
    public Optional<Rule> ruleFor(String pipeline) {
        for (Rule r : rules) {
            if (r.governs(pipeline)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public boolean isProtected(String key) {
        return Glob.anyMatches(protectedKeys, key);
    }
}
