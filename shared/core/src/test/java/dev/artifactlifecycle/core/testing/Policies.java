package dev.artifactlifecycle.core.testing;

import dev.artifactlifecycle.core.policy.Policy;
import dev.artifactlifecycle.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;

public final class Policies {
    private Policies() {}

    public static Policy yaml(String text) {
        return PolicyLoader.parse(text.getBytes(StandardCharsets.UTF_8), "test.yaml");
    }

    /** A policy under prefix ci/ with the given rules block (YAML, indented by two spaces per rule). */
    public static Policy withRules(String rules) {
        return yaml("version: 1\nlayout:\n  prefix: ci/\nprotect:\n  keys: [\"**/keep-me.txt\"]\nrules:\n" + rules);
    }

    /** Like {@link #withRules} with a {@code safety} block (YAML lines indented by two spaces). */
    public static Policy withSafety(String safety, String rules) {
        return yaml("version: 1\nlayout:\n  prefix: ci/\nprotect:\n  keys: [\"**/keep-me.txt\"]\nsafety:\n" + safety
                + "rules:\n" + rules);
    }
}
