package io.trestle.rpc.eth;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.evm.AccessListEntry;
import io.trestle.evm.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the accounts and storage slots a run touches, as geth's access-list tracer does: the slot of every
 * SLOAD and SSTORE (under the account whose storage it is), the operand of BALANCE, EXTCODESIZE, EXTCODECOPY,
 * EXTCODEHASH and SELFDESTRUCT, and the target of every call. Accounts that are warm anyway (sender, recipient,
 * precompiles, system contracts) are left out, though slots of theirs are kept. Starts from a seed list, so
 * repeated runs only ever grow it. Insertion order is kept, so the answer is the same on every node.
 */
final class AccessListTracer implements Tracer {
  private static final int BALANCE = 0x31;
  private static final int EXTCODESIZE = 0x3b;
  private static final int EXTCODECOPY = 0x3c;
  private static final int EXTCODEHASH = 0x3f;
  private static final int SLOAD = 0x54;
  private static final int SSTORE = 0x55;
  private static final int CALL = 0xf1;
  private static final int CALLCODE = 0xf2;
  private static final int DELEGATECALL = 0xf4;
  private static final int STATICCALL = 0xfa;
  private static final int SELFDESTRUCT = 0xff;

  private final Set<Address> excluded;
  private final Map<Address, Set<Hash>> list = new LinkedHashMap<>();

  AccessListTracer(List<AccessListEntry> seed, Set<Address> excluded) {
    this.excluded = excluded;
    for (AccessListEntry e : seed) {
      if (!excluded.contains(e.address())) {
        addAddress(e.address());
      }
      for (Hash key : e.storageKeys()) {
        list.computeIfAbsent(e.address(), a -> new LinkedHashSet<>()).add(key);
      }
    }
  }

  @Override
  public void onStep(int depth, int pc, int opcode, long gas, long refund, long[] stack, int stackSize,
      byte[] memory, int memorySize, Address address) {
    switch (opcode) {
      case SLOAD, SSTORE -> {
        if (stackSize >= 1) {
          list.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(StackWords.hash(stack, stackSize, 0));
        }
      }
      case BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, SELFDESTRUCT -> {
        if (stackSize >= 1) {
          addUnlessExcluded(StackWords.address(stack, stackSize, 0));
        }
      }
      case CALL, CALLCODE, DELEGATECALL, STATICCALL -> {
        if (stackSize >= 5) {
          addUnlessExcluded(StackWords.address(stack, stackSize, 1));
        }
      }
      default -> {
        // other opcodes touch no account or slot that a list could warm
      }
    }
  }

  private void addUnlessExcluded(Address a) {
    if (!excluded.contains(a)) {
      addAddress(a);
    }
  }

  private void addAddress(Address a) {
    list.computeIfAbsent(a, x -> new LinkedHashSet<>());
  }

  List<AccessListEntry> accessList() {
    List<AccessListEntry> out = new ArrayList<>(list.size());
    list.forEach((a, keys) -> out.add(new AccessListEntry(a, List.copyOf(keys))));
    return out;
  }

  /** Same accounts and slots, whatever the order they were met in. */
  boolean sameAs(AccessListTracer other) {
    return list.equals(other.list);
  }
}
