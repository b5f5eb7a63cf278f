package io.trestle.services.governance.store;

import io.trestle.core.Hash;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import java.util.ArrayList;
import java.util.List;

/** An event of a system contract's ABI with its parameter names, so audit tools can show fields by name. */
public record EventDef(AbiEvent abi, List<String> names) {
  public EventDef {
    names = List.copyOf(names);
    if (names.size() != abi.types().size()) {
      throw new IllegalArgumentException("one name per parameter of " + abi.signature());
    }
  }

  /** From a Solidity-style declaration such as {@code Voted(uint256 indexed id, address voter)}. */
  public static EventDef parse(String declaration) {
    try {
      AbiEvent abi = AbiEvent.parse(declaration);
      String params = declaration.substring(declaration.indexOf('(') + 1, declaration.lastIndexOf(')'));
      List<String> names = new ArrayList<>();
      for (String p : params.split(",")) {
        String[] words = p.trim().split("\\s+");
        names.add(words[words.length - 1]);
      }
      return new EventDef(abi, names);
    } catch (AbiException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public String name() {
    return abi.name();
  }

  public String signature() {
    return abi.signature();
  }

  public Hash topic0() {
    return abi.topic0();
  }
}
