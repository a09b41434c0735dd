package dev.artifactlifecycle.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a policy document, reported together. */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public PolicyException(String source, List<Problem> problems) {
        super("policy " + source + " is invalid (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "):\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
