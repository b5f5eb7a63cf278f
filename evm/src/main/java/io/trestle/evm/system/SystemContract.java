package io.trestle.evm.system;

/**
 * A contract implemented in Java. It must be deterministic (no clock, thread, random source or I/O) and reach
 * state only through {@link SystemCall}, whose effects are journaled with the calling frame. Bad input from a
 * caller must end in {@link SystemResult#revert}, never in an unchecked exception.
 */
@FunctionalInterface
public interface SystemContract {
  SystemResult call(SystemCall call) throws SystemCall.Halt;
}
