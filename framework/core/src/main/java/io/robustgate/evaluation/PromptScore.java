package io.robustgate.evaluation;

/** One prompt of an image: its key (e.g. {@code p2[1]} for a list's second variant), text and Dice. */
public record PromptScore(String promptKey, String prompt, double cleanDice, double adversarialDice) {}
