package dev.artifactlifecycle.core;

/**
 * Bad input from the user or the environment (a flag, a bucket that does not exist, an unreachable endpoint, a
 * missing table): reported before anything changes, with exit code 2. The message names the input, its value, and
 * how to fix it.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
