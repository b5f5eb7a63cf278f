package io.trestle.services.governance.store;

import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.util.List;

/** One function of a system contract's ABI and the Java that answers it. */
public record ContractFunction(AbiFunction abi, Handler handler) {
  /** Answers one call with its decoded arguments; bad input ends in a revert, never an exception. */
  @FunctionalInterface
  public interface Handler {
    SystemResult handle(SystemCall call, List<Object> args) throws SystemCall.Halt, AbiException;
  }

  public static AbiFunction parse(String signature, String... outputs) {
    try {
      return AbiFunction.parse(signature, outputs);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public static EventDef event(String declaration) {
    return EventDef.parse(declaration);
  }

  /** Emits {@code event} from the called contract. */
  public static void emit(SystemCall call, EventDef event, Object... values) throws SystemCall.Halt, AbiException {
    io.trestle.evm.abi.AbiEvent.Encoded e = event.abi().encode(values);
    call.log(e.topics(), e.data());
  }
}
