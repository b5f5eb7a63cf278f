package io.trestle.execution;

import io.trestle.core.Bytes;
import io.trestle.evm.StateDiff;
import io.trestle.evm.UInt256;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.util.Map;

/** Applies the EVM's per-transaction state diffs to the world state. */
final class StateDiffs {
  private StateDiffs() {}

  static void apply(StateDiff diff, WorldState state) {
    for (StateDiff.AccountDiff a : diff.accounts()) {
      if (a.deleted()) {
        state.deleteAccount(a.address());
        continue;
      }
      if (a.storageCleared()) {
        state.clearStorage(a.address());
      }
      if (a.code() != null && !a.code().isEmpty()) {
        state.putCode(a.code());
      }
      state.setAccount(a.address(), new Account(a.nonce(), a.balance(), io.trestle.core.Hash.EMPTY_TRIE_ROOT, a.codeHash()));
      for (Map.Entry<UInt256, UInt256> slot : a.storage().entrySet()) {
        state.setStorage(a.address(), Bytes.wrap(slot.getKey().toArray()), Bytes.wrap(slot.getValue().toArray()));
      }
    }
  }
}
