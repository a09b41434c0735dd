package dev.artifactlifecycle.functions;

/** A sweep that could not list or could not audit: the invocation fails, so Lambda's async retry runs it again. */
public final class SweepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SweepFailedException(String message) {
        super(message);
    }
}
