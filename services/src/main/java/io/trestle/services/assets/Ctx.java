package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiEvent;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import java.util.List;

/** One call into an asset contract: its state access, events, governance and the checks every function uses. */
final class Ctx implements Slots {
  /** Gas for hashing a mapping key into a slot, as KECCAK256 of two words costs in the EVM. */
  static final long SLOT_HASH_GAS = 42;
  private static final Hash TRANSFER_721_TOPIC = AssetAbi.TRANSFER_721.topic0();

  final SystemCall call;
  final AssetGovernance governance;
  final Bytes input;

  Ctx(SystemCall call, AssetGovernance governance) {
    this.call = call;
    this.governance = governance;
    this.input = call.input();
  }

  Address self() {
    return call.self();
  }

  Address caller() {
    return call.caller();
  }

  long chainId() {
    return call.block().chainId();
  }

  long blockNumber() {
    return call.block().number();
  }

  UInt256 load(UInt256 slot) throws SystemCall.Halt {
    return call.load(slot);
  }

  void store(UInt256 slot, UInt256 value) throws SystemCall.Halt {
    call.store(slot, value);
  }

  @Override
  public UInt256 load(Address account, UInt256 slot) throws SystemCall.Halt {
    return account.equals(call.self()) ? call.load(slot) : call.loadFrom(account, slot);
  }

  @Override
  public void store(Address account, UInt256 slot, UInt256 value) throws SystemCall.Halt {
    if (account.equals(call.self())) {
      call.store(slot, value);
    } else {
      call.store(account, slot, value);
    }
  }

  /** The slot of {@code mapping[key]} at {@code base}, charging for the hash. */
  UInt256 slot(long base, UInt256 key) throws SystemCall.Halt {
    call.charge(SLOT_HASH_GAS);
    return Layout.map(base, key);
  }

  UInt256 slot(long base, Address key) throws SystemCall.Halt {
    return slot(base, Word.ofAddress(key));
  }

  UInt256 slot(long base, long key) throws SystemCall.Halt {
    return slot(base, UInt256.valueOf(key));
  }

  UInt256 slot2(long base, UInt256 k1, UInt256 k2) throws SystemCall.Halt {
    call.charge(2 * SLOT_HASH_GAS);
    return Layout.map2(base, k1, k2);
  }

  void emit(AbiEvent event, Object... values) throws SystemCall.Halt {
    AbiEvent.Encoded e;
    try {
      e = event.encode(values);
    } catch (AbiException bug) {
      throw new IllegalStateException("event " + event.signature() + " does not encode: " + bug.getMessage(), bug);
    }
    call.log(e.topics(), e.data());
  }

  /**
   * ERC-721's {@code Transfer(from, to, tokenId)}, all three indexed, built directly: a batch mint emits one per
   * token, and the generic encoder's lists and BigIntegers were a noticeable share of it. Same log as
   * {@code emit(AssetAbi.TRANSFER_721, ...)}.
   */
  void emitTransfer721(Address from, Address to, long id) throws SystemCall.Halt {
    AbiEvent.Encoded e = transfer721(from, to, id);
    call.log(e.topics(), e.data());
  }

  static AbiEvent.Encoded transfer721(Address from, Address to, long id) {
    return new AbiEvent.Encoded(List.of(TRANSFER_721_TOPIC, Hash.wrap(Word.ofAddress(from).toArray()),
        Hash.wrap(Word.ofAddress(to).toArray()), Hash.wrap(UInt256.valueOf(id).toArray())), Bytes.EMPTY);
  }

  static void require(boolean ok, String reason) throws Revert {
    if (!ok) {
      throw new Revert(reason);
    }
  }

  static void check(String problem) throws Revert {
    if (problem != null) {
      throw new Revert(problem);
    }
  }

  /** Whether the account is frozen by the asset regulator or by governance. */
  boolean accountFrozen(Address account) throws SystemCall.Halt {
    UInt256 w = load(AssetAddresses.SUPERVISION, slot(Layout.ACCOUNT_FREEZE, account));
    return (Word.flags(w) & Layout.FROZEN) != 0 || governance.isAccountFrozen(call, account);
  }

  /** Whether this collection or token is frozen, by {@code IAssetSupervision} (its header flag) or governance. */
  boolean assetFrozen(UInt256 header) throws SystemCall.Halt {
    return (Word.flags(header) & Layout.FROZEN) != 0 || governance.isAssetFrozen(call, self());
  }

  /** Whether token or work {@code id} of this collection is frozen, by its flag or by governance. */
  boolean tokenFrozen(UInt256 word, long id) throws SystemCall.Halt {
    return (Word.flags(word) & Layout.FROZEN) != 0 || governance.isTokenFrozen(call, self(), id);
  }

  /** A platform may create and mint: approved by the committee, licensed, and not frozen. */
  boolean platformActive(Address platform) throws SystemCall.Halt {
    UInt256 w = load(AssetAddresses.PLATFORMS, slot(Layout.PLATFORM, platform));
    return PlatformRegistry.status(w) == PlatformRegistry.APPROVED && governance.isLicensed(call, platform)
        && !accountFrozen(platform);
  }
}
