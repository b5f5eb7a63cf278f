package io.trestle.consensus;

import io.trestle.core.Address;

/**
 * A snapshot for operators ({@code trestle status}): the height being decided, its round and leader, whether
 * it is decided and waiting for execution, and the validator count.
 */
public record EngineStatus(
    long height, int round, Address leader, boolean decided, long committedHeight, int validatorCount, boolean validator) {}
