package io.trestle.services.assets;

import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.util.HashMap;
import java.util.Map;

/** A contract's functions by selector. */
final class Dispatch {
  @FunctionalInterface
  interface Fn {
    SystemResult apply(Ctx ctx) throws Revert, SystemCall.Halt, AbiException;
  }

  private final String contract;
  private final Map<Integer, Fn> functions = new HashMap<>();
  private final java.util.List<String> signatures = new java.util.ArrayList<>();

  Dispatch(String contract) {
    this.contract = contract;
  }

  Dispatch on(AbiFunction function, Fn fn) {
    if (functions.putIfAbsent(function.selectorInt(), fn) != null) {
      throw new IllegalStateException(contract + " declares " + function.signature() + " twice");
    }
    signatures.add(function.signature());
    return this;
  }

  /** The signatures of the functions answered, in declaration order. */
  java.util.List<String> signatures() {
    return java.util.List.copyOf(signatures);
  }

  String contract() {
    return contract;
  }

  SystemResult handle(Ctx ctx, int selector) throws Revert, SystemCall.Halt, AbiException {
    Fn fn = functions.get(selector);
    if (fn == null) {
      throw new Revert(contract + ": unknown function selector 0x" + String.format("%08x", selector));
    }
    return fn.apply(ctx);
  }
}
