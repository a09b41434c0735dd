package dev.artifactlifecycle.core.sweep;

/**
 * What happened to one object. {@code errorCode} is S3's code (AccessDenied, InvalidObjectState…) when it failed.
 * {@code deleteMarkerVersionId} is set when a delete in a versioned bucket added a delete marker: removing that marker
 * brings the object back.
 */
public record ObjectOutcome(String key, boolean succeeded, String errorCode, String message,
        String deleteMarkerVersionId) {
    public static ObjectOutcome done(String key) {
        return new ObjectOutcome(key, true, null, null, null);
    }

    /** Deleted in a versioned bucket: hidden behind a delete marker, still recoverable. */
    public static ObjectOutcome deletedBehindMarker(String key, String markerVersionId) {
        return new ObjectOutcome(key, true, null, null, markerVersionId);
    }

    public static ObjectOutcome failed(String key, String errorCode, String message) {
        return new ObjectOutcome(key, false, errorCode, message, null);
    }

    public String error() {
        if (succeeded) {
            return null;
        }
        return errorCode == null ? message : message == null ? errorCode : errorCode + ": " + message;
    }
}
