package dev.artifactlifecycle.core.policy;

/** One thing wrong with an input: where (a JSON path such as {@code rules[0].keepLastRuns}) and what to do. */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
