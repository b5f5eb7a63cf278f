package io.trestle.execution;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.AccountState;
import io.trestle.evm.UInt256;
import io.trestle.evm.WorldView;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.util.function.LongFunction;

/** The EVM's view of a {@link WorldState}, with block hashes from the chain. */
final class WorldStateView implements WorldView {
  private final WorldState state;
  private final LongFunction<Hash> blockHashes;

  WorldStateView(WorldState state, LongFunction<Hash> blockHashes) {
    this.state = state;
    this.blockHashes = blockHashes;
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
    Bytes value = state.storage(address, Bytes.wrap(slot.toArray()));
    return UInt256.fromBytes(value.unsafeArray());
  }

  @Override
  public Bytes code(Address address) {
    return state.code(address);
  }

  @Override
  public Hash blockHash(long number) {
    Hash h = blockHashes.apply(number);
    return h == null ? Hash.ZERO : h;
  }
}
