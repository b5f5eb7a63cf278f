package io.trestle.execution.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.AccountState;
import io.trestle.evm.StateDiff;
import io.trestle.evm.UInt256;
import io.trestle.evm.WorldView;
import io.trestle.state.kv.MemoryKeyValueStore;
import io.trestle.state.kv.WriteBatch;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * A state test's world: the state module's {@link WorldState} over an in-memory store, loaded with the pre-state
 * and committed, then changed by the transaction's diff the way block execution applies it.
 */
final class StateTestWorld implements WorldView {
  private final MemoryKeyValueStore store = new MemoryKeyValueStore();
  private final WorldState state = WorldState.empty(store);

  /** Loads {@code pre}; a value the state module cannot hold (such as a nonce of 2^63 or more) throws. */
  static StateTestWorld fromPre(JsonNode pre) {
    StateTestWorld w = new StateTestWorld();
    for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = Address.fromHex(e.getKey());
      JsonNode acct = e.getValue();
      BigInteger nonce = StateTestRunner.big(acct.get("nonce"));
      if (nonce.bitLength() > 63) {
        throw new IllegalArgumentException("pre-state nonce " + nonce + " of " + a
            + " does not fit the state module's account (at most 2^63-1)");
      }
      Hash codeHash = w.state.putCode(StateTestRunner.bytes(acct.get("code")));
      w.state.setAccount(a, Account.of(nonce.longValue(), StateTestRunner.big(acct.get("balance")))
          .withCodeHash(codeHash));
      for (Iterator<Map.Entry<String, JsonNode>> s = acct.get("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        w.state.setStorage(a, Bytes.wrap(UInt256.fromHex(slot.getKey()).toArray()),
            Bytes.wrap(UInt256.fromHex(slot.getValue().asText()).toArray()));
      }
    }
    w.commit();
    return w;
  }

  @Override
  public AccountState account(Address address) {
    Account a = state.account(address);
    if (a == null) {
      return null;
    }
    return new AccountState(a.nonce(), a.balance(), a.codeHash(), !a.storageRoot().equals(Hash.EMPTY_TRIE_ROOT));
  }

  @Override
  public UInt256 storage(Address address, UInt256 slot) {
    return UInt256.fromBytes(state.storage(address, Bytes.wrap(slot.toArray())).unsafeArray());
  }

  @Override
  public Bytes code(Address address) {
    return state.code(address);
  }

  @Override
  public Hash blockHash(long number) {
    return StateTestRunner.testBlockHash(number);
  }

  /** Applies a transaction's diff as block execution does: deletions, cleared storage, code, accounts, slots. */
  void apply(StateDiff diff) {
    for (StateDiff.AccountDiff d : diff.accounts()) {
      if (d.deleted()) {
        state.deleteAccount(d.address());
        continue;
      }
      if (d.nonce() < 0) {
        throw new IllegalArgumentException("nonce " + Long.toUnsignedString(d.nonce()) + " of " + d.address()
            + " does not fit the state module's account (at most 2^63-1)");
      }
      if (d.storageCleared()) {
        state.clearStorage(d.address());
      }
      if (d.code() != null) {
        state.putCode(d.code());
      }
      state.setAccount(d.address(), Account.of(d.nonce(), d.balance()).withCodeHash(d.codeHash()));
      for (Map.Entry<UInt256, UInt256> slot : d.storage().entrySet()) {
        state.setStorage(d.address(), Bytes.wrap(slot.getKey().toArray()), Bytes.wrap(slot.getValue().toArray()));
      }
    }
  }

  /** Commits the pending changes and returns the state root. */
  Hash commit() {
    WriteBatch batch = new WriteBatch();
    Hash root = state.commit(batch);
    store.write(batch, false);
    return root;
  }

  Hash stateRoot() {
    return commit();
  }
}
