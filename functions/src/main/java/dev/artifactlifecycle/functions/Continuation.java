package dev.artifactlifecycle.functions;

/** How a sweep near its timeout continues: a fresh invocation of the same function, with {@code {"resume": id}}. */
interface Continuation {
    void continueSweep(String functionArn, String sweepId);
}
