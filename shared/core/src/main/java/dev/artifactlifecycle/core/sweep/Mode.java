package dev.artifactlifecycle.core.sweep;

public enum Mode {
    DRY_RUN,
    APPLY
}
