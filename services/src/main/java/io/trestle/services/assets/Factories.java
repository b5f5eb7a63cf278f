package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code ICollectionFactory} and {@code ITokenFactory} (ADR 0290): each new collection or token takes the next
 * address of the instance range, gets the stub code wallets look for, and is configured in its own storage.
 */
final class Factories {
  static final int KIND_NONE = 0;
  static final int KIND_ERC721 = 1;
  static final int KIND_ERC1155 = 2;
  static final int KIND_ERC20 = 3;

  final Dispatch collections = new Dispatch("CollectionFactory")
      .on(AssetAbi.CREATE_COLLECTION, ctx -> createCollection(ctx, AssetAbi.CREATE_COLLECTION, KIND_ERC721))
      .on(AssetAbi.CREATE_EDITIONS, ctx -> createCollection(ctx, AssetAbi.CREATE_EDITIONS, KIND_ERC1155))
      .on(AssetAbi.KIND_OF, Factories::kindOf)
      .on(AssetAbi.ASSET_COUNT, Factories::assetCount);

  final Dispatch tokens = new Dispatch("TokenFactory")
      .on(AssetAbi.CREATE_TOKEN, Factories::createToken)
      .on(AssetAbi.KIND_OF, Factories::kindOf)
      .on(AssetAbi.ASSET_COUNT, Factories::assetCount);

  static int kind(UInt256 header) {
    return (int) Word.mid(header);
  }

  private static SystemResult createCollection(Ctx ctx, io.trestle.evm.abi.AbiFunction fn, int kind)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    String name = (String) a.get(0);
    String symbol = (String) a.get(1);
    String baseUri = (String) a.get(2);
    Address royaltyReceiver = (Address) a.get(3);
    BigInteger bps = (BigInteger) a.get(4);
    Ctx.check(Metadata.checkName("name", name));
    Ctx.check(Metadata.checkSymbol("symbol", symbol));
    Ctx.check(Metadata.checkUri("baseURI", baseUri, true));
    Ctx.require(bps.compareTo(BigInteger.valueOf(Metadata.ROYALTY_BPS_MAX)) <= 0,
        "CollectionFactory: royaltyBps must be at most " + Metadata.ROYALTY_BPS_MAX + ", got " + bps);
    Ctx.require(bps.signum() == 0 || !royaltyReceiver.equals(Address.ZERO),
        "CollectionFactory: a royalty needs a royaltyReceiver");
    Address platform = ctx.caller();
    Ctx.require(ctx.platformActive(platform),
        "CollectionFactory: " + platform.toChecksumHex() + " is not an approved, licensed platform");
    Address at = allocate(ctx, platform, kind, 0);
    ctx.storeString(at, Layout.NAME, name);
    ctx.storeString(at, Layout.SYMBOL, symbol);
    ctx.storeString(at, Layout.BASE_URI, baseUri);
    if (bps.signum() > 0) {
      ctx.store(at, Layout.ROYALTY, Word.pack(royaltyReceiver, bps.longValue(), 0));
    }
    ctx.store(at, Layout.NEXT_ID, UInt256.ONE);
    ctx.emit(AssetAbi.COLLECTION_CREATED, at, platform, BigInteger.valueOf(kind), name, symbol);
    return SystemResult.success(fn.encodeOutput(at));
  }

  private static SystemResult createToken(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.CREATE_TOKEN.decodeCall(ctx.input);
    String name = (String) a.get(0);
    String symbol = (String) a.get(1);
    BigInteger decimals = (BigInteger) a.get(2);
    BigInteger cap = (BigInteger) a.get(3);
    Ctx.check(Metadata.checkName("name", name));
    Ctx.check(Metadata.checkSymbol("symbol", symbol));
    Ctx.require(decimals.intValue() <= Metadata.DECIMALS_MAX,
        "TokenFactory: decimals must be at most " + Metadata.DECIMALS_MAX + ", got " + decimals);
    Address issuer = ctx.caller();
    boolean allowed = ctx.platformActive(issuer)
        || (ctx.governance.isAssetIssuer(ctx.call, issuer) && !ctx.accountFrozen(issuer));
    Ctx.require(allowed, "TokenFactory: " + issuer.toChecksumHex() + " is not an approved issuer");
    Address at = allocate(ctx, issuer, KIND_ERC20, cap.signum() > 0 ? Layout.CAPPED : 0);
    ctx.storeString(at, Layout.NAME, name);
    ctx.storeString(at, Layout.SYMBOL, symbol);
    ctx.store(at, Layout.DECIMALS, UInt256.valueOf(decimals.longValue()));
    if (cap.signum() > 0) {
      ctx.store(at, Layout.CAP, UInt256.fromBigInteger(cap));
    }
    ctx.emit(AssetAbi.TOKEN_CREATED, at, issuer, name, symbol, decimals, cap);
    return SystemResult.success(AssetAbi.CREATE_TOKEN.encodeOutput(at));
  }

  /** Takes the next instance address: counter, stub code and header. */
  private static Address allocate(Ctx ctx, Address issuer, int kind, int flags) throws Revert, SystemCall.Halt {
    long count = ctx.load(AssetAddresses.COLLECTIONS, Layout.INSTANCE_COUNT).toLong();
    Ctx.require(count < AssetAddresses.INSTANCES_MAX, "no asset addresses left: the chain holds "
        + AssetAddresses.INSTANCES_MAX + " collections and tokens");
    Address at = AssetAddresses.instance(count);
    ctx.store(AssetAddresses.COLLECTIONS, Layout.INSTANCE_COUNT, UInt256.valueOf(count + 1));
    ctx.call.installStub(at);
    ctx.store(at, Layout.HEADER, Word.pack(issuer, kind, flags));
    return at;
  }

  private static SystemResult kindOf(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address at = (Address) AssetAbi.KIND_OF.decodeCall(ctx.input).get(0);
    int kind = AssetAddresses.isInstance(at) ? kind(ctx.load(at, Layout.HEADER)) : KIND_NONE;
    return SystemResult.success(AssetAbi.KIND_OF.encodeOutput(BigInteger.valueOf(kind)));
  }

  private static SystemResult assetCount(Ctx ctx) throws SystemCall.Halt, AbiException {
    return SystemResult.success(AssetAbi.ASSET_COUNT.encodeOutput(
        ctx.load(AssetAddresses.COLLECTIONS, Layout.INSTANCE_COUNT).toBigInteger()));
  }
}
