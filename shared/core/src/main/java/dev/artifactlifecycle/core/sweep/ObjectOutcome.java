package dev.artifactlifecycle.core.sweep;

/** What happened to one object. {@code errorCode} is S3's code (AccessDenied, InvalidObjectState…) when it failed. */
public record ObjectOutcome(String key, boolean succeeded, String errorCode, String message) {
    public static ObjectOutcome done(String key) {
        return new ObjectOutcome(key, true, null, null);
    }

    public static ObjectOutcome failed(String key, String errorCode, String message) {
        return new ObjectOutcome(key, false, errorCode, message);
    }

    public String error() {
        if (succeeded) {
            return null;
        }
        return errorCode == null ? message : message == null ? errorCode : errorCode + ": " + message;
    }
}
