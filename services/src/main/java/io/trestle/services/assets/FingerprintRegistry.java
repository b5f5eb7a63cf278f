package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code IFingerprintRegistry} (ADR 0296): who holds a content fingerprint or perceptual hash, and the right
 * holder's authorisation of one licensed re-issue of a work into another collection. Registration itself happens
 * inside the mint ({@link Works#register}).
 */
final class FingerprintRegistry {
  final Dispatch dispatch = new Dispatch("FingerprintRegistry")
      .on(AssetAbi.LOOKUP, ctx -> lookup(ctx, AssetAbi.LOOKUP, Layout.CONTENT))
      .on(AssetAbi.LOOKUP_PERCEPTUAL, ctx -> lookup(ctx, AssetAbi.LOOKUP_PERCEPTUAL, Layout.PERCEPTUAL))
      .on(AssetAbi.AUTHORIZE_REISSUE, ctx -> reissue(ctx, AssetAbi.AUTHORIZE_REISSUE, true))
      .on(AssetAbi.REVOKE_REISSUE, ctx -> reissue(ctx, AssetAbi.REVOKE_REISSUE, false))
      .on(AssetAbi.REISSUE_AUTHORIZED, FingerprintRegistry::authorized);

  private static SystemResult lookup(Ctx ctx, AbiFunction fn, long base) throws SystemCall.Halt, AbiException {
    Bytes key = (Bytes) fn.decodeCall(ctx.input).get(0);
    UInt256 entry = ctx.load(ctx.slot(base, Word.ofBytes(key)));
    return SystemResult.success(fn.encodeOutput(Word.address(entry), BigInteger.valueOf(Word.mid(entry)),
        Works.isLive(ctx, entry)));
  }

  private static SystemResult reissue(Ctx ctx, AbiFunction fn, boolean authorize)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    Bytes fingerprint = (Bytes) a.get(0);
    Address collection = (Address) a.get(1);
    UInt256 key = Word.ofBytes(fingerprint);
    UInt256 entry = ctx.load(ctx.slot(Layout.CONTENT, key));
    Ctx.require(Works.isLive(ctx, entry), "FingerprintRegistry: no live work holds fingerprint " + fingerprint.toHex());
    Address holder = Works.rightHolder(ctx, Word.address(entry), Word.mid(entry));
    Ctx.require(ctx.caller().equals(holder), "FingerprintRegistry: only the right holder " + holder.toChecksumHex()
        + " of " + Works.describe(entry) + " authorises re-issues");
    int kind = AssetAddresses.isInstance(collection) ? Factories.kind(ctx.load(collection, Layout.HEADER)) : 0;
    Ctx.require(kind == Factories.KIND_ERC721 || kind == Factories.KIND_ERC1155,
        "FingerprintRegistry: no collection at " + collection.toChecksumHex());
    UInt256 slot = ctx.slot2(Layout.REISSUE, key, Word.ofAddress(collection));
    boolean present = !ctx.load(slot).isZero();
    Ctx.require(present != authorize, "FingerprintRegistry: a re-issue into " + collection.toChecksumHex() + " is "
        + (present ? "already" : "not") + " authorised");
    ctx.store(slot, authorize ? Word.ofAddress(holder) : UInt256.ZERO);
    ctx.emit(authorize ? AssetAbi.REISSUE_AUTHORIZED_EVENT : AssetAbi.REISSUE_REVOKED, fingerprint, collection, holder);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult authorized(Ctx ctx) throws SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.REISSUE_AUTHORIZED.decodeCall(ctx.input);
    UInt256 slot = ctx.slot2(Layout.REISSUE, Word.ofBytes((Bytes) a.get(0)), Word.ofAddress((Address) a.get(1)));
    return SystemResult.success(AssetAbi.REISSUE_AUTHORIZED.encodeOutput(!ctx.load(slot).isZero()));
  }
}
