package io.trestle.execution.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.evm.AccountState;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.StateDiff;
import io.trestle.evm.UInt256;
import io.trestle.evm.WorldView;
import io.trestle.state.trie.NodeStore;
import io.trestle.state.trie.SecureTrie;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/** A state test's world: the pre-state in memory, diffs applied as execution would, roots from the real trie. */
final class StateTestWorld implements WorldView {
  private final InMemoryWorld world = new InMemoryWorld();

  static StateTestWorld fromPre(JsonNode pre) {
    StateTestWorld w = new StateTestWorld();
    for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = Address.fromHex(e.getKey());
      JsonNode acct = e.getValue();
      BigInteger nonce = StateTestRunner.big(acct.get("nonce"));
      w.world.setAccount(a, nonce.longValue(), StateTestRunner.big(acct.get("balance")));
      Bytes code = StateTestRunner.bytes(acct.get("code"));
      if (!code.isEmpty()) {
        w.world.setCode(a, code);
      }
      for (Iterator<Map.Entry<String, JsonNode>> s = acct.get("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        w.world.setStorage(a, UInt256.fromHex(slot.getKey()), UInt256.fromHex(slot.getValue().asText()));
      }
    }
    return w;
  }

  @Override
  public AccountState account(Address address) {
    return world.account(address);
  }

  @Override
  public UInt256 storage(Address address, UInt256 slot) {
    return world.storage(address, slot);
  }

  @Override
  public Bytes code(Address address) {
    return world.code(address);
  }

  @Override
  public Hash blockHash(long number) {
    return StateTestRunner.testBlockHash(number);
  }

  void apply(StateDiff diff) {
    world.apply(diff);
  }

  Hash stateRoot() {
    SecureTrie accounts = SecureTrie.empty(NodeStore.EMPTY);
    for (Map.Entry<Address, AccountState> e : world.accounts().entrySet()) {
      SecureTrie storage = SecureTrie.empty(NodeStore.EMPTY);
      for (Map.Entry<UInt256, UInt256> s : world.storageOf(e.getKey()).entrySet()) {
        storage.put(Bytes.wrap(s.getKey().toArray()), Bytes.wrap(Rlp.encodeBytes(s.getValue().toMinimalBytes())));
      }
      AccountState a = e.getValue();
      byte[] rlp = Rlp.list()
          .addBigInteger(new BigInteger(Long.toUnsignedString(a.nonce())))
          .addBigInteger(a.balance())
          .addBytes(storage.rootHash().unsafeArray())
          .addBytes(a.codeHash().unsafeArray())
          .build();
      accounts.put(e.getKey().toBytes(), Bytes.wrap(rlp));
    }
    return accounts.rootHash();
  }
}
