package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Editions: an NFT collection at its own address with the ERC-1155 interface, where each id is one work (one
 * fingerprint, one rights record) minted in a number of identical editions (ADR 0295). A work is live while any
 * edition of it exists. Reverts use OpenZeppelin's ERC-1155 reasons.
 */
final class Editions1155 {
  static final int BATCH_MAX = Collection721.BATCH_MAX;
  /** Amounts stay below 2^128, so a batch of sums can never overflow 256 bits. */
  static final int AMOUNT_BITS_MAX = 128;

  final Dispatch dispatch = new Dispatch("ERC1155")
      .on(AssetAbi.NAME, ctx -> Collection721.string(ctx, AssetAbi.NAME, Layout.NAME))
      .on(AssetAbi.SYMBOL, ctx -> Collection721.string(ctx, AssetAbi.SYMBOL, Layout.SYMBOL))
      .on(AssetAbi.BALANCE_OF_1155, Editions1155::balanceOf)
      .on(AssetAbi.BALANCE_OF_BATCH, Editions1155::balanceOfBatch)
      .on(AssetAbi.IS_APPROVED_FOR_ALL, Collection721::isApprovedForAll)
      .on(AssetAbi.SET_APPROVAL_FOR_ALL, Editions1155::setApprovalForAll)
      .on(AssetAbi.URI, Editions1155::uri)
      .on(AssetAbi.SUPPORTS_INTERFACE, Editions1155::supportsInterface)
      .on(AssetAbi.ROYALTY_INFO, Collection721::royaltyInfo)
      .on(AssetAbi.TOTAL_SUPPLY_OF, Editions1155::totalSupply)
      .on(AssetAbi.NEXT_TOKEN_ID, ctx -> SystemResult.success(
          AssetAbi.NEXT_TOKEN_ID.encodeOutput(ctx.load(Layout.NEXT_ID).toBigInteger())))
      .on(AssetAbi.PLATFORM, ctx -> SystemResult.success(
          AssetAbi.PLATFORM.encodeOutput(Word.address(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.FROZEN, ctx -> SystemResult.success(
          AssetAbi.FROZEN.encodeOutput(ctx.assetFrozen(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.RIGHTS_OF, Collection721::rightsOf)
      .on(AssetAbi.IS_REISSUE, Collection721::isReissue)
      .on(AssetAbi.TRANSFER_RIGHTS, Collection721::transferRights)
      .on(AssetAbi.SAFE_TRANSFER_FROM_1155, Editions1155::safeTransferFrom)
      .on(AssetAbi.SAFE_BATCH_TRANSFER_FROM, Editions1155::safeBatchTransferFrom)
      .on(AssetAbi.MINT_EDITION, Editions1155::mintEdition)
      .on(AssetAbi.MINT_EDITION_BATCH, Editions1155::mintEditionBatch)
      .on(AssetAbi.MINT_MORE, Editions1155::mintMore)
      .on(AssetAbi.BURN_1155, Editions1155::burn);

  private static long workId(BigInteger id) throws Revert {
    Ctx.require(id.signum() > 0 && id.bitLength() < 64, "ERC1155: work " + id + " does not exist");
    return id.longValue();
  }

  private static BigInteger amount(BigInteger v) throws Revert {
    Ctx.require(v.bitLength() <= AMOUNT_BITS_MAX, "ERC1155: amount " + v + " is above 2^128");
    return v;
  }

  private static UInt256 balanceSlot(Ctx ctx, long id, Address owner) throws SystemCall.Halt {
    return ctx.slot2(Layout.EDITION_BALANCE, UInt256.valueOf(id), Word.ofAddress(owner));
  }

  private static SystemResult balanceOf(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.BALANCE_OF_1155.decodeCall(ctx.input);
    Address owner = (Address) a.get(0);
    BigInteger id = (BigInteger) a.get(1);
    Ctx.require(!owner.equals(Address.ZERO), "ERC1155: address zero is not a valid owner");
    BigInteger balance = id.bitLength() < 64 ? ctx.load(balanceSlot(ctx, id.longValue(), owner)).toBigInteger()
        : BigInteger.ZERO;
    return SystemResult.success(AssetAbi.BALANCE_OF_1155.encodeOutput(balance));
  }

  @SuppressWarnings("unchecked")
  private static SystemResult balanceOfBatch(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.BALANCE_OF_BATCH.decodeCall(ctx.input);
    List<Address> owners = (List<Address>) (List<?>) a.get(0);
    List<BigInteger> ids = (List<BigInteger>) (List<?>) a.get(1);
    Ctx.require(owners.size() == ids.size(), "ERC1155: accounts and ids length mismatch");
    Ctx.require(ids.size() <= BATCH_MAX, "ERC1155: at most " + BATCH_MAX + " balances per call");
    List<BigInteger> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Ctx.require(!owners.get(i).equals(Address.ZERO), "ERC1155: address zero is not a valid owner");
      BigInteger id = ids.get(i);
      out.add(id.bitLength() < 64 ? ctx.load(balanceSlot(ctx, id.longValue(), owners.get(i))).toBigInteger()
          : BigInteger.ZERO);
    }
    return SystemResult.success(AssetAbi.BALANCE_OF_BATCH.encodeOutput(out));
  }

  private static SystemResult setApprovalForAll(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.SET_APPROVAL_FOR_ALL.decodeCall(ctx.input);
    Address operator = (Address) a.get(0);
    boolean approved = (Boolean) a.get(1);
    Address owner = ctx.caller();
    Ctx.require(!operator.equals(owner), "ERC1155: setting approval status for self");
    Ctx.require(!approved || !ctx.accountFrozen(owner), "account " + owner.toChecksumHex() + " is frozen");
    ctx.store(ctx.slot2(Layout.OPERATOR, Word.ofAddress(owner), Word.ofAddress(operator)),
        approved ? UInt256.ONE : UInt256.ZERO);
    ctx.emit(AssetAbi.APPROVAL_FOR_ALL, owner, operator, approved);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult uri(Ctx ctx) throws SystemCall.Halt, AbiException {
    BigInteger id = (BigInteger) AssetAbi.URI.decodeCall(ctx.input).get(0);
    if (id.bitLength() < 64 && (Word.flags(ctx.load(ctx.slot(Layout.TOKEN, id.longValue()))) & Layout.OWN_URI) != 0) {
      return SystemResult.success(AssetAbi.URI.encodeOutput(
          ctx.loadString(ctx.self(), ctx.slot(Layout.TOKEN_URI, id.longValue()))));
    }
    return SystemResult.success(AssetAbi.URI.encodeOutput(ctx.loadString(ctx.self(), Layout.BASE_URI)));
  }

  private static SystemResult supportsInterface(Ctx ctx) throws AbiException {
    Bytes id = (Bytes) AssetAbi.SUPPORTS_INTERFACE.decodeCall(ctx.input).get(0);
    int v = java.nio.ByteBuffer.wrap(id.toArray()).getInt();
    boolean yes = v == AssetAbi.ERC165 || v == AssetAbi.ERC1155 || v == AssetAbi.ERC1155_METADATA_URI
        || v == AssetAbi.ERC2981 || v == AssetAbi.TRESTLE_WORKS;
    return SystemResult.success(AssetAbi.SUPPORTS_INTERFACE.encodeOutput(yes));
  }

  private static SystemResult totalSupply(Ctx ctx) throws SystemCall.Halt, AbiException {
    BigInteger id = (BigInteger) AssetAbi.TOTAL_SUPPLY_OF.decodeCall(ctx.input).get(0);
    BigInteger supply = id.bitLength() < 64
        ? ctx.load(ctx.slot(Layout.EDITION_SUPPLY, id.longValue())).toBigInteger() : BigInteger.ZERO;
    return SystemResult.success(AssetAbi.TOTAL_SUPPLY_OF.encodeOutput(supply));
  }

  /** Freezes that stop editions of {@code id} leaving {@code from}. */
  private static void requireMovable(Ctx ctx, long id, Address from, Address caller) throws Revert, SystemCall.Halt {
    Ctx.require(!ctx.assetFrozen(ctx.load(Layout.HEADER)),
        "collection " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require(!ctx.tokenFrozen(ctx.load(ctx.slot(Layout.TOKEN, id)), id),
        "work " + Long.toUnsignedString(id) + " is frozen by the regulator");
    Ctx.require(!ctx.accountFrozen(from), "account " + from.toChecksumHex() + " is frozen by the regulator");
    Ctx.require(caller.equals(from) || !ctx.accountFrozen(caller),
        "account " + caller.toChecksumHex() + " is frozen by the regulator");
  }

  private static void move(Ctx ctx, long id, Address from, Address to, BigInteger amount) throws Revert, SystemCall.Halt {
    UInt256 fromSlot = balanceSlot(ctx, id, from);
    BigInteger have = ctx.load(fromSlot).toBigInteger();
    Ctx.require(have.compareTo(amount) >= 0, "ERC1155: insufficient balance for transfer");
    ctx.store(fromSlot, UInt256.fromBigInteger(have.subtract(amount)));
    UInt256 toSlot = balanceSlot(ctx, id, to);
    ctx.store(toSlot, UInt256.fromBigInteger(ctx.load(toSlot).toBigInteger().add(amount)));
  }

  private static void requireOwnerOrOperator(Ctx ctx, Address from) throws Revert, SystemCall.Halt {
    Address caller = ctx.caller();
    Ctx.require(caller.equals(from) || Collection721.operator(ctx, from, caller),
        "ERC1155: caller is not token owner or approved");
  }

  private static SystemResult safeTransferFrom(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.SAFE_TRANSFER_FROM_1155.decodeCall(ctx.input);
    Address from = (Address) a.get(0);
    Address to = (Address) a.get(1);
    long id = workId((BigInteger) a.get(2));
    BigInteger amount = amount((BigInteger) a.get(3));
    Bytes data = (Bytes) a.get(4);
    requireOwnerOrOperator(ctx, from);
    Ctx.require(!to.equals(Address.ZERO), "ERC1155: transfer to the zero address");
    requireMovable(ctx, id, from, ctx.caller());
    move(ctx, id, from, to, amount);
    ctx.emit(AssetAbi.TRANSFER_SINGLE, ctx.caller(), from, to, BigInteger.valueOf(id), amount);
    checkReceiver(ctx, from, to, List.of(BigInteger.valueOf(id)), List.of(amount), data, false);
    return SystemResult.success(Bytes.EMPTY);
  }

  @SuppressWarnings("unchecked")
  private static SystemResult safeBatchTransferFrom(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.SAFE_BATCH_TRANSFER_FROM.decodeCall(ctx.input);
    Address from = (Address) a.get(0);
    Address to = (Address) a.get(1);
    List<BigInteger> ids = (List<BigInteger>) (List<?>) a.get(2);
    List<BigInteger> amounts = (List<BigInteger>) (List<?>) a.get(3);
    Bytes data = (Bytes) a.get(4);
    Ctx.require(ids.size() == amounts.size(), "ERC1155: ids and amounts length mismatch");
    Ctx.require(ids.size() <= BATCH_MAX, "ERC1155: at most " + BATCH_MAX + " ids per batch, got " + ids.size());
    requireOwnerOrOperator(ctx, from);
    Ctx.require(!to.equals(Address.ZERO), "ERC1155: transfer to the zero address");
    for (int i = 0; i < ids.size(); i++) {
      long id = workId(ids.get(i));
      requireMovable(ctx, id, from, ctx.caller());
      move(ctx, id, from, to, amount(amounts.get(i)));
    }
    ctx.emit(AssetAbi.TRANSFER_BATCH, ctx.caller(), from, to, ids, amounts);
    checkReceiver(ctx, from, to, ids, amounts, data, true);
    return SystemResult.success(Bytes.EMPTY);
  }

  /** ERC-1155's acceptance check, for transfers and mints alike. */
  private static void checkReceiver(Ctx ctx, Address from, Address to, List<BigInteger> ids,
      List<BigInteger> amounts, Bytes data, boolean batch) throws Revert, SystemCall.Halt, AbiException {
    if (ctx.call.codeSize(to) == 0) {
      return;
    }
    Bytes input = batch
        ? AssetAbi.ON_ERC1155_BATCH_RECEIVED.encodeCall(ctx.caller(), from, ids, amounts, data)
        : AssetAbi.ON_ERC1155_RECEIVED.encodeCall(ctx.caller(), from, ids.get(0), amounts.get(0), data);
    SystemCall.CallResult r = ctx.call.call(to, input, ctx.call.gasLeft());
    if (!r.success() && r.output().size() > 0) {
      throw Revert.bubble(r.output());
    }
    Ctx.require(r.success() && r.output().size() >= 32, "ERC1155: transfer to non-ERC1155Receiver implementer");
    int expected = batch ? AssetAbi.ERC1155_BATCH_RECEIVED : AssetAbi.ERC1155_RECEIVED;
    Ctx.require(Collection721.returnsSelector(r.output(), expected), "ERC1155: ERC1155Receiver rejected tokens");
  }

  private static void requireMinter(Ctx ctx, Address to) throws Revert, SystemCall.Halt {
    UInt256 header = ctx.load(Layout.HEADER);
    Address platform = Word.address(header);
    Ctx.require(ctx.caller().equals(platform), "ERC1155: only the collection's platform " + platform.toChecksumHex()
        + " mints");
    Ctx.require(ctx.platformActive(platform), "ERC1155: platform " + platform.toChecksumHex()
        + " is not an approved, licensed platform");
    Ctx.require(!ctx.assetFrozen(header), "collection " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require(!to.equals(Address.ZERO), "ERC1155: mint to the zero address");
  }

  /** Creates work {@code id} with {@code amount} editions held by {@code to}. */
  private static void mintWork(Ctx ctx, Address to, long id, long rightsId, BigInteger amount, Bytes fingerprint,
      Bytes perceptual, int flags) throws Revert, SystemCall.Halt {
    Ctx.require(amount.signum() > 0, "ERC1155: work " + id + " needs at least one edition");
    UInt256 slot = ctx.slot(Layout.TOKEN, id);
    ctx.store(slot, Word.pack(Address.ZERO, rightsId, flags));
    ctx.store(ctx.slot(Layout.EDITION_SUPPLY, id), UInt256.fromBigInteger(amount));
    ctx.store(balanceSlot(ctx, id, to), UInt256.fromBigInteger(amount));
    if (Works.register(ctx, fingerprint, perceptual, id)) {
      ctx.store(slot, Word.pack(Address.ZERO, rightsId, flags | Layout.REISSUE_FLAG));
    }
  }

  private static SystemResult mintEdition(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT_EDITION.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    BigInteger amount = amount((BigInteger) a.get(1));
    Bytes fingerprint = (Bytes) a.get(2);
    Bytes perceptual = (Bytes) a.get(3);
    String uri = (String) a.get(4);
    Ctx.check(Metadata.checkUri("uri", uri, true));
    requireMinter(ctx, to);
    long rightsId = Works.defineRights(ctx, (Address) a.get(5), (String) a.get(6), (Bytes) a.get(7));
    long id = ctx.load(Layout.NEXT_ID).toLong();
    mintWork(ctx, to, id, rightsId, amount, fingerprint, perceptual, uri.isEmpty() ? 0 : Layout.OWN_URI);
    ctx.store(Layout.NEXT_ID, UInt256.valueOf(id + 1));
    ctx.emit(AssetAbi.TRANSFER_SINGLE, ctx.caller(), Address.ZERO, to, BigInteger.valueOf(id), amount);
    if (!uri.isEmpty()) {
      ctx.storeString(ctx.self(), ctx.slot(Layout.TOKEN_URI, id), uri);
      ctx.emit(AssetAbi.URI_EVENT, uri, BigInteger.valueOf(id));
    }
    ctx.emit(AssetAbi.WORKS_REGISTERED, BigInteger.valueOf(id), BigInteger.valueOf(rightsId), List.of(fingerprint),
        List.of(perceptual));
    checkReceiver(ctx, Address.ZERO, to, List.of(BigInteger.valueOf(id)), List.of(amount), Bytes.EMPTY, false);
    return SystemResult.success(AssetAbi.MINT_EDITION.encodeOutput(BigInteger.valueOf(id)));
  }

  @SuppressWarnings("unchecked")
  private static SystemResult mintEditionBatch(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT_EDITION_BATCH.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    List<BigInteger> amounts = (List<BigInteger>) (List<?>) a.get(1);
    List<Bytes> fingerprints = (List<Bytes>) (List<?>) a.get(2);
    List<Bytes> perceptual = (List<Bytes>) (List<?>) a.get(3);
    int n = fingerprints.size();
    Ctx.require(n > 0, "ERC1155: mintEditionBatch needs at least one fingerprint");
    Ctx.require(n <= BATCH_MAX, "ERC1155: mintEditionBatch takes at most " + BATCH_MAX + " works, got " + n);
    Ctx.require(amounts.size() == n, "ERC1155: amounts and fingerprints length mismatch");
    Ctx.require(perceptual.isEmpty() || perceptual.size() == n,
        "ERC1155: perceptualHashes must be empty or one per fingerprint, got " + perceptual.size() + " for " + n);
    requireMinter(ctx, to);
    long rightsId = Works.defineRights(ctx, (Address) a.get(4), (String) a.get(5), (Bytes) a.get(6));
    long first = ctx.load(Layout.NEXT_ID).toLong();
    Bytes zero = Bytes.wrap(new byte[32]);
    List<BigInteger> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      mintWork(ctx, to, first + i, rightsId, amount(amounts.get(i)), fingerprints.get(i),
          perceptual.isEmpty() ? zero : perceptual.get(i), 0);
      ids.add(BigInteger.valueOf(first + i));
    }
    ctx.store(Layout.NEXT_ID, UInt256.valueOf(first + n));
    ctx.emit(AssetAbi.TRANSFER_BATCH, ctx.caller(), Address.ZERO, to, ids, amounts);
    ctx.emit(AssetAbi.WORKS_REGISTERED, BigInteger.valueOf(first), BigInteger.valueOf(rightsId), fingerprints,
        new ArrayList<>(perceptual));
    checkReceiver(ctx, Address.ZERO, to, ids, amounts, Bytes.EMPTY, true);
    return SystemResult.success(AssetAbi.MINT_EDITION_BATCH.encodeOutput(BigInteger.valueOf(first)));
  }

  private static SystemResult mintMore(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT_MORE.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    long id = workId((BigInteger) a.get(1));
    BigInteger amount = amount((BigInteger) a.get(2));
    Ctx.require(amount.signum() > 0, "ERC1155: amount must be positive");
    requireMinter(ctx, to);
    UInt256 word = ctx.load(ctx.slot(Layout.TOKEN, id));
    Ctx.require(Word.mid(word) != 0, "ERC1155: work " + id + " does not exist");
    Ctx.require(!ctx.tokenFrozen(word, id), "work " + id + " is frozen by the regulator");
    UInt256 supplySlot = ctx.slot(Layout.EDITION_SUPPLY, id);
    BigInteger supply = ctx.load(supplySlot).toBigInteger();
    Ctx.require(supply.signum() > 0, "ERC1155: every edition of work " + id + " was burned; mint a new work");
    BigInteger next = supply.add(amount);
    Ctx.require(next.bitLength() <= AMOUNT_BITS_MAX, "ERC1155: supply of work " + id + " would pass 2^128");
    ctx.store(supplySlot, UInt256.fromBigInteger(next));
    UInt256 toSlot = balanceSlot(ctx, id, to);
    ctx.store(toSlot, UInt256.fromBigInteger(ctx.load(toSlot).toBigInteger().add(amount)));
    ctx.emit(AssetAbi.TRANSFER_SINGLE, ctx.caller(), Address.ZERO, to, BigInteger.valueOf(id), amount);
    checkReceiver(ctx, Address.ZERO, to, List.of(BigInteger.valueOf(id)), List.of(amount), Bytes.EMPTY, false);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult burn(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.BURN_1155.decodeCall(ctx.input);
    Address from = (Address) a.get(0);
    long id = workId((BigInteger) a.get(1));
    BigInteger amount = amount((BigInteger) a.get(2));
    requireOwnerOrOperator(ctx, from);
    requireMovable(ctx, id, from, ctx.caller());
    UInt256 fromSlot = balanceSlot(ctx, id, from);
    BigInteger have = ctx.load(fromSlot).toBigInteger();
    Ctx.require(have.compareTo(amount) >= 0, "ERC1155: burn amount exceeds balance");
    ctx.store(fromSlot, UInt256.fromBigInteger(have.subtract(amount)));
    UInt256 supplySlot = ctx.slot(Layout.EDITION_SUPPLY, id);
    ctx.store(supplySlot, UInt256.fromBigInteger(ctx.load(supplySlot).toBigInteger().subtract(amount)));
    ctx.emit(AssetAbi.TRANSFER_SINGLE, ctx.caller(), from, Address.ZERO, BigInteger.valueOf(id), amount);
    return SystemResult.success(Bytes.EMPTY);
  }
}
