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
 * {@code IAssetSupervision} (ADR 0297): the regulator freezes and unfreezes one token or work, a whole collection
 * or token contract, or an account's assets, always with a reason that the event records on chain. Flags live
 * beside what they stop (the token word, the asset header, this contract's account map), so a transfer reads them
 * with the state it already loads.
 */
final class Supervision {
  final Dispatch dispatch = new Dispatch("AssetSupervision")
      .on(AssetAbi.FREEZE_TOKEN, ctx -> token(ctx, AssetAbi.FREEZE_TOKEN, true))
      .on(AssetAbi.UNFREEZE_TOKEN, ctx -> token(ctx, AssetAbi.UNFREEZE_TOKEN, false))
      .on(AssetAbi.FREEZE_ASSET, ctx -> asset(ctx, AssetAbi.FREEZE_ASSET, true))
      .on(AssetAbi.UNFREEZE_ASSET, ctx -> asset(ctx, AssetAbi.UNFREEZE_ASSET, false))
      .on(AssetAbi.FREEZE_ACCOUNT, ctx -> account(ctx, AssetAbi.FREEZE_ACCOUNT, true))
      .on(AssetAbi.UNFREEZE_ACCOUNT, ctx -> account(ctx, AssetAbi.UNFREEZE_ACCOUNT, false))
      .on(AssetAbi.IS_ACCOUNT_FROZEN, Supervision::isAccountFrozen)
      .on(AssetAbi.IS_ASSET_FROZEN, Supervision::isAssetFrozen)
      .on(AssetAbi.IS_TOKEN_FROZEN, Supervision::isTokenFrozen);

  private static void requireRegulator(Ctx ctx) throws Revert, SystemCall.Halt {
    Ctx.require(ctx.governance.isRegulator(ctx.call, ctx.caller()),
        "AssetSupervision: only a regulator freezes and unfreezes");
  }

  private static int requireAsset(Ctx ctx, Address asset) throws Revert, SystemCall.Halt {
    int kind = AssetAddresses.isInstance(asset) ? Factories.kind(ctx.load(asset, Layout.HEADER)) : Factories.KIND_NONE;
    Ctx.require(kind != Factories.KIND_NONE, "AssetSupervision: no collection or token at " + asset.toChecksumHex());
    return kind;
  }

  private static SystemResult token(Ctx ctx, io.trestle.evm.abi.AbiFunction fn, boolean freeze)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    Address asset = (Address) a.get(0);
    BigInteger id = (BigInteger) a.get(1);
    String reason = (String) a.get(2);
    Ctx.check(Metadata.checkReason(reason));
    requireRegulator(ctx);
    int kind = requireAsset(ctx, asset);
    Ctx.require(kind != Factories.KIND_ERC20, "AssetSupervision: " + asset.toChecksumHex()
        + " is a fungible token: freeze the whole token with freezeAsset");
    Ctx.require(id.bitLength() < 64, "AssetSupervision: token " + id + " does not exist");
    UInt256 slot = ctx.slot(Layout.TOKEN, id.longValue());
    UInt256 word = Works.tokenWord(ctx, asset, id.longValue());
    Ctx.require(Word.mid(word) != 0, "AssetSupervision: token " + id + " of " + asset.toChecksumHex() + " does not exist");
    boolean frozen = (Word.flags(word) & Layout.FROZEN) != 0;
    Ctx.require(frozen != freeze, "AssetSupervision: token " + id + " is " + (frozen ? "already" : "not") + " frozen");
    int flags = freeze ? Word.flags(word) | Layout.FROZEN : Word.flags(word) & ~Layout.FROZEN;
    ctx.store(asset, slot, Word.pack(Word.address(word), Word.mid(word), flags));
    ctx.emit(freeze ? AssetAbi.TOKEN_FROZEN : AssetAbi.TOKEN_UNFROZEN, asset, id, ctx.caller(), reason);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult asset(Ctx ctx, io.trestle.evm.abi.AbiFunction fn, boolean freeze)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    Address asset = (Address) a.get(0);
    String reason = (String) a.get(1);
    Ctx.check(Metadata.checkReason(reason));
    requireRegulator(ctx);
    requireAsset(ctx, asset);
    UInt256 header = ctx.load(asset, Layout.HEADER);
    boolean frozen = (Word.flags(header) & Layout.FROZEN) != 0;
    Ctx.require(frozen != freeze, "AssetSupervision: " + asset.toChecksumHex() + " is " + (frozen ? "already" : "not")
        + " frozen");
    int flags = freeze ? Word.flags(header) | Layout.FROZEN : Word.flags(header) & ~Layout.FROZEN;
    ctx.store(asset, Layout.HEADER, Word.pack(Word.address(header), Word.mid(header), flags));
    ctx.emit(freeze ? AssetAbi.ASSET_FROZEN : AssetAbi.ASSET_UNFROZEN, asset, ctx.caller(), reason);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult account(Ctx ctx, io.trestle.evm.abi.AbiFunction fn, boolean freeze)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    Address account = (Address) a.get(0);
    String reason = (String) a.get(1);
    Ctx.check(Metadata.checkReason(reason));
    requireRegulator(ctx);
    Ctx.require(!account.equals(Address.ZERO), "AssetSupervision: account must not be the zero address");
    UInt256 slot = ctx.slot(Layout.ACCOUNT_FREEZE, account);
    boolean frozen = (Word.flags(ctx.load(slot)) & Layout.FROZEN) != 0;
    Ctx.require(frozen != freeze, "AssetSupervision: account " + account.toChecksumHex() + " is "
        + (frozen ? "already" : "not") + " frozen");
    ctx.store(slot, freeze ? Word.pack(Address.ZERO, ctx.blockNumber(), Layout.FROZEN) : UInt256.ZERO);
    ctx.emit(freeze ? AssetAbi.ACCOUNT_FROZEN : AssetAbi.ACCOUNT_UNFROZEN, account, ctx.caller(), reason);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult isAccountFrozen(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address account = (Address) AssetAbi.IS_ACCOUNT_FROZEN.decodeCall(ctx.input).get(0);
    return SystemResult.success(AssetAbi.IS_ACCOUNT_FROZEN.encodeOutput(ctx.accountFrozen(account)));
  }

  private static SystemResult isAssetFrozen(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address asset = (Address) AssetAbi.IS_ASSET_FROZEN.decodeCall(ctx.input).get(0);
    boolean frozen = AssetAddresses.isInstance(asset) && (Word.flags(ctx.load(asset, Layout.HEADER)) & Layout.FROZEN) != 0;
    return SystemResult.success(AssetAbi.IS_ASSET_FROZEN.encodeOutput(frozen));
  }

  private static SystemResult isTokenFrozen(Ctx ctx) throws SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.IS_TOKEN_FROZEN.decodeCall(ctx.input);
    Address asset = (Address) a.get(0);
    BigInteger id = (BigInteger) a.get(1);
    boolean frozen = AssetAddresses.isInstance(asset) && id.bitLength() < 64
        && (Word.flags(Works.tokenWord(ctx, asset, id.longValue())) & Layout.FROZEN) != 0;
    return SystemResult.success(AssetAbi.IS_TOKEN_FROZEN.encodeOutput(frozen));
  }
}
