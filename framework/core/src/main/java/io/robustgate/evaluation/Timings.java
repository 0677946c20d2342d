package io.robustgate.evaluation;

/** Wall-clock seconds of a result's clean pass (shared, measured once) and its attack. */
public record Timings(double cleanPassSeconds, double attackSeconds, double samplesPerSecond) {}
