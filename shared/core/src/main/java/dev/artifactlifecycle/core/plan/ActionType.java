package dev.artifactlifecycle.core.plan;

public enum ActionType {
    TRANSITION,
    DELETE
}
