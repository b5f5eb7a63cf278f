package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code IPlatformRegistry} (ADR 0292): a platform registers under its DID, the account's implicit
 * {@code did:trestle:<chainId>:<address>}; a committee member approves or suspends it. Only approved (and
 * licensed, and not frozen) platforms create collections and mint.
 */
final class PlatformRegistry {
  static final int NONE = 0;
  static final int PENDING = 1;
  static final int APPROVED = 2;
  static final int SUSPENDED = 3;

  final Dispatch dispatch = new Dispatch("PlatformRegistry")
      .on(AssetAbi.REGISTER_PLATFORM, this::register)
      .on(AssetAbi.APPROVE_PLATFORM, this::approve)
      .on(AssetAbi.SUSPEND_PLATFORM, this::suspend)
      .on(AssetAbi.GET_PLATFORM, this::get)
      .on(AssetAbi.IS_APPROVED, this::isApproved)
      .on(AssetAbi.PLATFORM_COUNT, ctx -> SystemResult.success(
          AssetAbi.PLATFORM_COUNT.encodeOutput(ctx.load(Layout.PLATFORM_COUNT).toBigInteger())));

  static int status(UInt256 word) {
    return Word.flags(word);
  }

  /** The DID every account has implicitly (identity, DESIGN §1): lower-case hex address under the chain id. */
  static String did(long chainId, Address account) {
    return "did:trestle:" + chainId + ":" + account.toHex();
  }

  private SystemResult register(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.REGISTER_PLATFORM.decodeCall(ctx.input);
    String name = (String) a.get(0);
    String uri = (String) a.get(1);
    Ctx.check(Metadata.checkName("name", name));
    Ctx.check(Metadata.checkUri("uri", uri, true));
    Address platform = ctx.caller();
    UInt256 slot = ctx.slot(Layout.PLATFORM, platform);
    Ctx.require(status(ctx.load(slot)) == NONE, "PlatformRegistry: " + platform.toChecksumHex() + " is already registered");
    Ctx.require(!ctx.accountFrozen(platform), "PlatformRegistry: account " + platform.toChecksumHex() + " is frozen");
    ctx.store(slot, Word.pack(Address.ZERO, ctx.blockNumber(), PENDING));
    ctx.storeString(ctx.self(), ctx.slot(Layout.PLATFORM_NAME, platform), name);
    ctx.storeString(ctx.self(), ctx.slot(Layout.PLATFORM_URI, platform), uri);
    ctx.store(Layout.PLATFORM_COUNT, UInt256.valueOf(ctx.load(Layout.PLATFORM_COUNT).toLong() + 1));
    ctx.emit(AssetAbi.PLATFORM_REGISTERED, platform, did(ctx.chainId(), platform), name, uri);
    return SystemResult.success(Bytes.EMPTY);
  }

  private SystemResult approve(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    Address platform = (Address) AssetAbi.APPROVE_PLATFORM.decodeCall(ctx.input).get(0);
    Ctx.require(ctx.governance.isCommittee(ctx.call, ctx.caller()),
        "PlatformRegistry: only a committee member approves platforms");
    UInt256 slot = ctx.slot(Layout.PLATFORM, platform);
    UInt256 w = ctx.load(slot);
    int status = status(w);
    Ctx.require(status == PENDING || status == SUSPENDED,
        "PlatformRegistry: " + platform.toChecksumHex() + (status == APPROVED ? " is already approved" : " is not registered"));
    ctx.store(slot, Word.pack(Address.ZERO, Word.mid(w), APPROVED));
    ctx.emit(AssetAbi.PLATFORM_APPROVED, platform, ctx.caller());
    return SystemResult.success(Bytes.EMPTY);
  }

  private SystemResult suspend(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.SUSPEND_PLATFORM.decodeCall(ctx.input);
    Address platform = (Address) a.get(0);
    String reason = (String) a.get(1);
    Ctx.check(Metadata.checkReason(reason));
    Ctx.require(ctx.governance.isCommittee(ctx.call, ctx.caller()),
        "PlatformRegistry: only a committee member suspends platforms");
    UInt256 slot = ctx.slot(Layout.PLATFORM, platform);
    UInt256 w = ctx.load(slot);
    Ctx.require(status(w) == APPROVED || status(w) == PENDING,
        "PlatformRegistry: " + platform.toChecksumHex() + " is not registered or already suspended");
    ctx.store(slot, Word.pack(Address.ZERO, Word.mid(w), SUSPENDED));
    ctx.emit(AssetAbi.PLATFORM_SUSPENDED, platform, ctx.caller(), reason);
    return SystemResult.success(Bytes.EMPTY);
  }

  private SystemResult get(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address platform = (Address) AssetAbi.GET_PLATFORM.decodeCall(ctx.input).get(0);
    int status = status(ctx.load(ctx.slot(Layout.PLATFORM, platform)));
    String name = status == NONE ? "" : ctx.loadString(ctx.self(), ctx.slot(Layout.PLATFORM_NAME, platform));
    String uri = status == NONE ? "" : ctx.loadString(ctx.self(), ctx.slot(Layout.PLATFORM_URI, platform));
    String did = status == NONE ? "" : did(ctx.chainId(), platform);
    return SystemResult.success(AssetAbi.GET_PLATFORM.encodeOutput(BigInteger.valueOf(status), name, uri, did));
  }

  private SystemResult isApproved(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address platform = (Address) AssetAbi.IS_APPROVED.decodeCall(ctx.input).get(0);
    return SystemResult.success(AssetAbi.IS_APPROVED.encodeOutput(ctx.platformActive(platform)));
  }
}
