package dev.artifactlifecycle.core.sweep;

public enum Trigger {
    CLI,
    SCHEDULE,
    MANUAL,
    UPLOAD
}
