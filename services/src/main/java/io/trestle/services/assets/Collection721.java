package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An NFT collection at its own address with the ERC-721 interface (metadata, ERC-165, EIP-2981) and Trestle's
 * works extension: fingerprints, rights and re-issue (ADRs 0290, 0295, 0296). Token ids are handed out in
 * order from 1. Reverts use the reasons OpenZeppelin's ERC-721 uses, so wallets and tests recognise them.
 */
final class Collection721 {
  /** The most tokens one mintBatch may create. */
  static final int BATCH_MAX = 1000;
  private static final BigInteger BPS = BigInteger.valueOf(10_000);
  private static final UInt256 BURNED_WORD = Word.pack(Address.ZERO, 0, Layout.BURNED);

  final Dispatch dispatch = new Dispatch("ERC721")
      .on(AssetAbi.NAME, ctx -> string(ctx, AssetAbi.NAME, Layout.NAME))
      .on(AssetAbi.SYMBOL, ctx -> string(ctx, AssetAbi.SYMBOL, Layout.SYMBOL))
      .on(AssetAbi.BALANCE_OF, Collection721::balanceOf)
      .on(AssetAbi.OWNER_OF, Collection721::ownerOf)
      .on(AssetAbi.GET_APPROVED, Collection721::getApproved)
      .on(AssetAbi.IS_APPROVED_FOR_ALL, Collection721::isApprovedForAll)
      .on(AssetAbi.TOKEN_URI, Collection721::tokenUri)
      .on(AssetAbi.SUPPORTS_INTERFACE, Collection721::supportsInterface)
      .on(AssetAbi.ROYALTY_INFO, Collection721::royaltyInfo)
      .on(AssetAbi.TOTAL_SUPPLY, ctx -> SystemResult.success(
          AssetAbi.TOTAL_SUPPLY.encodeOutput(ctx.load(Layout.SUPPLY).toBigInteger())))
      .on(AssetAbi.NEXT_TOKEN_ID, ctx -> SystemResult.success(
          AssetAbi.NEXT_TOKEN_ID.encodeOutput(ctx.load(Layout.NEXT_ID).toBigInteger())))
      .on(AssetAbi.PLATFORM, ctx -> SystemResult.success(
          AssetAbi.PLATFORM.encodeOutput(Word.address(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.FROZEN, ctx -> SystemResult.success(
          AssetAbi.FROZEN.encodeOutput(ctx.assetFrozen(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.RIGHTS_OF, Collection721::rightsOf)
      .on(AssetAbi.IS_REISSUE, Collection721::isReissue)
      .on(AssetAbi.APPROVE, Collection721::approve)
      .on(AssetAbi.SET_APPROVAL_FOR_ALL, Collection721::setApprovalForAll)
      .on(AssetAbi.TRANSFER_FROM, ctx -> transfer(ctx, AssetAbi.TRANSFER_FROM, false))
      .on(AssetAbi.SAFE_TRANSFER_FROM, ctx -> transfer(ctx, AssetAbi.SAFE_TRANSFER_FROM, true))
      .on(AssetAbi.SAFE_TRANSFER_FROM_DATA, ctx -> transfer(ctx, AssetAbi.SAFE_TRANSFER_FROM_DATA, true))
      .on(AssetAbi.MINT, Collection721::mint)
      .on(AssetAbi.MINT_BATCH, Collection721::mintBatch)
      .on(AssetAbi.BURN, Collection721::burn)
      .on(AssetAbi.TRANSFER_RIGHTS, Collection721::transferRights);

  static SystemResult string(Ctx ctx, AbiFunction fn, UInt256 slot) throws SystemCall.Halt, AbiException {
    return SystemResult.success(fn.encodeOutput(ctx.loadString(ctx.self(), slot)));
  }

  /** The token id argument at {@code index}: ids past 64 bits never exist. */
  private static long tokenId(List<Object> args, int index) throws Revert {
    BigInteger id = (BigInteger) args.get(index);
    Ctx.require(id.signum() > 0 && id.bitLength() < 64, "ERC721: invalid token ID");
    return id.longValue();
  }

  /** The token word of an existing token. */
  private static UInt256 existing(Ctx ctx, long id) throws Revert, SystemCall.Halt {
    UInt256 word = tokenWord(ctx, id);
    Ctx.require(!Word.address(word).equals(Address.ZERO), "ERC721: invalid token ID");
    return word;
  }

  /**
   * The token's owner word: its own, or its page's when its own is zero (ADR 0300). Charges for the slot hashes
   * like every other read here; {@link Works#tokenWord} is the same rule for views.
   */
  static UInt256 tokenWord(Ctx ctx, long id) throws SystemCall.Halt {
    return tokenWord(ctx, ctx.slot(Layout.TOKEN, id), id);
  }

  /** {@link #tokenWord(Ctx, long)} when the caller already has the token's own slot. */
  static UInt256 tokenWord(Ctx ctx, UInt256 slot, long id) throws SystemCall.Halt {
    UInt256 own = ctx.load(slot);
    return own.isZero() ? ctx.load(ctx.slot(Layout.TOKEN_PAGE, id / Layout.PAGE_TOKENS)) : own;
  }

  private static SystemResult balanceOf(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    Address owner = (Address) AssetAbi.BALANCE_OF.decodeCall(ctx.input).get(0);
    Ctx.require(!owner.equals(Address.ZERO), "ERC721: address zero is not a valid owner");
    return SystemResult.success(AssetAbi.BALANCE_OF.encodeOutput(ctx.load(ctx.slot(Layout.BALANCE, owner)).toBigInteger()));
  }

  private static SystemResult ownerOf(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    long id = tokenId(AssetAbi.OWNER_OF.decodeCall(ctx.input), 0);
    return SystemResult.success(AssetAbi.OWNER_OF.encodeOutput(Word.address(existing(ctx, id))));
  }

  private static SystemResult getApproved(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    long id = tokenId(AssetAbi.GET_APPROVED.decodeCall(ctx.input), 0);
    UInt256 word = existing(ctx, id);
    Address approved = (Word.flags(word) & Layout.HAS_APPROVAL) == 0
        ? Address.ZERO : Word.address(ctx.load(ctx.slot(Layout.APPROVED, id)));
    return SystemResult.success(AssetAbi.GET_APPROVED.encodeOutput(approved));
  }

  static boolean operator(Ctx ctx, Address owner, Address operator) throws SystemCall.Halt {
    return !ctx.load(ctx.slot2(Layout.OPERATOR, Word.ofAddress(owner), Word.ofAddress(operator))).isZero();
  }

  static SystemResult isApprovedForAll(Ctx ctx) throws SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.IS_APPROVED_FOR_ALL.decodeCall(ctx.input);
    return SystemResult.success(AssetAbi.IS_APPROVED_FOR_ALL.encodeOutput(
        operator(ctx, (Address) a.get(0), (Address) a.get(1))));
  }

  private static SystemResult tokenUri(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    long id = tokenId(AssetAbi.TOKEN_URI.decodeCall(ctx.input), 0);
    UInt256 word = existing(ctx, id);
    String uri;
    if ((Word.flags(word) & Layout.OWN_URI) != 0) {
      uri = ctx.loadString(ctx.self(), ctx.slot(Layout.TOKEN_URI, id));
    } else {
      String base = ctx.loadString(ctx.self(), Layout.BASE_URI);
      uri = base.isEmpty() ? "" : base + Long.toUnsignedString(id);
    }
    return SystemResult.success(AssetAbi.TOKEN_URI.encodeOutput(uri));
  }

  private static SystemResult supportsInterface(Ctx ctx) throws AbiException {
    Bytes id = (Bytes) AssetAbi.SUPPORTS_INTERFACE.decodeCall(ctx.input).get(0);
    int v = id.toArray().length == 4 ? java.nio.ByteBuffer.wrap(id.toArray()).getInt() : 0;
    boolean yes = v == AssetAbi.ERC165 || v == AssetAbi.ERC721 || v == AssetAbi.ERC721_METADATA
        || v == AssetAbi.ERC2981 || v == AssetAbi.TRESTLE_WORKS;
    return SystemResult.success(AssetAbi.SUPPORTS_INTERFACE.encodeOutput(yes));
  }

  static SystemResult royaltyInfo(Ctx ctx) throws SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.ROYALTY_INFO.decodeCall(ctx.input);
    BigInteger price = (BigInteger) a.get(1);
    UInt256 royalty = ctx.load(Layout.ROYALTY);
    BigInteger amount = price.multiply(BigInteger.valueOf(Word.mid(royalty))).divide(BPS);
    return SystemResult.success(AssetAbi.ROYALTY_INFO.encodeOutput(Word.address(royalty), amount));
  }

  static SystemResult rightsOf(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    BigInteger id = (BigInteger) AssetAbi.RIGHTS_OF.decodeCall(ctx.input).get(0);
    Works.RightsView r = id.bitLength() < 64 ? Works.rights(ctx, ctx.self(), id.longValue()) : null;
    Ctx.require(r != null, "rights: work " + id + " does not exist");
    return SystemResult.success(AssetAbi.RIGHTS_OF.encodeOutput(r.creator(), r.rightHolder(), r.licenseUri(),
        r.licenseHash()));
  }

  static SystemResult isReissue(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    BigInteger id = (BigInteger) AssetAbi.IS_REISSUE.decodeCall(ctx.input).get(0);
    Works.RightsView r = id.bitLength() < 64 ? Works.rights(ctx, ctx.self(), id.longValue()) : null;
    Ctx.require(r != null, "rights: work " + id + " does not exist");
    return SystemResult.success(AssetAbi.IS_REISSUE.encodeOutput(r.reissue()));
  }

  static SystemResult transferRights(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.TRANSFER_RIGHTS.decodeCall(ctx.input);
    BigInteger id = (BigInteger) a.get(0);
    Ctx.require(id.signum() > 0 && id.bitLength() < 64, "rights: work " + id + " does not exist");
    Works.transferRights(ctx, id.longValue(), (Address) a.get(1));
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult approve(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.APPROVE.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    long id = tokenId(a, 1);
    UInt256 slot = ctx.slot(Layout.TOKEN, id);
    UInt256 word = tokenWord(ctx, slot, id);
    Address owner = Word.address(word);
    Ctx.require(!owner.equals(Address.ZERO), "ERC721: invalid token ID");
    Ctx.require(!to.equals(owner), "ERC721: approval to current owner");
    Address caller = ctx.caller();
    Ctx.require(caller.equals(owner) || operator(ctx, owner, caller),
        "ERC721: approve caller is not token owner or approved for all");
    requireMovable(ctx, word, id, owner, caller);
    int flags = to.equals(Address.ZERO) ? Word.flags(word) & ~Layout.HAS_APPROVAL : Word.flags(word) | Layout.HAS_APPROVAL;
    ctx.store(ctx.slot(Layout.APPROVED, id), Word.ofAddress(to));
    ctx.store(slot, Word.pack(owner, Word.mid(word), flags));
    ctx.emit(AssetAbi.APPROVAL_721, owner, to, BigInteger.valueOf(id));
    return SystemResult.success(Bytes.EMPTY);
  }

  static SystemResult setApprovalForAll(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.SET_APPROVAL_FOR_ALL.decodeCall(ctx.input);
    Address operator = (Address) a.get(0);
    boolean approved = (Boolean) a.get(1);
    Address owner = ctx.caller();
    Ctx.require(!operator.equals(owner), "ERC721: approve to caller");
    Ctx.require(!approved || !ctx.accountFrozen(owner), "account " + owner.toChecksumHex() + " is frozen");
    ctx.store(ctx.slot2(Layout.OPERATOR, Word.ofAddress(owner), Word.ofAddress(operator)),
        approved ? UInt256.ONE : UInt256.ZERO);
    ctx.emit(AssetAbi.APPROVAL_FOR_ALL, owner, operator, approved);
    return SystemResult.success(Bytes.EMPTY);
  }

  /** The regulator's freezes: the collection, the token, the owner's account and the acting account. */
  private static void requireMovable(Ctx ctx, UInt256 word, long id, Address owner, Address caller)
      throws Revert, SystemCall.Halt {
    UInt256 header = ctx.load(Layout.HEADER);
    Ctx.require(!ctx.assetFrozen(header), "collection " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require(!ctx.tokenFrozen(word, id), "token " + Long.toUnsignedString(id) + " is frozen by the regulator");
    Ctx.require(!ctx.accountFrozen(owner), "account " + owner.toChecksumHex() + " is frozen by the regulator");
    Ctx.require(caller.equals(owner) || !ctx.accountFrozen(caller),
        "account " + caller.toChecksumHex() + " is frozen by the regulator");
  }

  private static SystemResult transfer(Ctx ctx, AbiFunction fn, boolean safe)
      throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = fn.decodeCall(ctx.input);
    Address from = (Address) a.get(0);
    Address to = (Address) a.get(1);
    long id = tokenId(a, 2);
    Bytes data = a.size() > 3 ? (Bytes) a.get(3) : Bytes.EMPTY;
    UInt256 slot = ctx.slot(Layout.TOKEN, id);
    UInt256 word = tokenWord(ctx, slot, id);
    Address owner = Word.address(word);
    Ctx.require(!owner.equals(Address.ZERO), "ERC721: invalid token ID");
    Ctx.require(owner.equals(from), "ERC721: transfer from incorrect owner");
    Ctx.require(!to.equals(Address.ZERO), "ERC721: transfer to the zero address");
    Address caller = ctx.caller();
    Ctx.require(authorized(ctx, word, id, owner, caller), "ERC721: caller is not token owner or approved");
    requireMovable(ctx, word, id, owner, caller);
    int flags = Word.flags(word);
    if ((flags & Layout.HAS_APPROVAL) != 0) {
      ctx.store(ctx.slot(Layout.APPROVED, id), UInt256.ZERO);
    }
    ctx.store(slot, Word.pack(to, Word.mid(word), flags & ~Layout.HAS_APPROVAL));
    if (!from.equals(to)) {
      addBalance(ctx, from, -1);
      addBalance(ctx, to, 1);
    }
    ctx.emit(AssetAbi.TRANSFER_721, from, to, BigInteger.valueOf(id));
    if (safe) {
      checkReceiver(ctx, caller, from, to, id, data);
    }
    return SystemResult.success(Bytes.EMPTY);
  }

  private static boolean authorized(Ctx ctx, UInt256 word, long id, Address owner, Address caller)
      throws SystemCall.Halt {
    if (caller.equals(owner)) {
      return true;
    }
    if ((Word.flags(word) & Layout.HAS_APPROVAL) != 0
        && Word.address(ctx.load(ctx.slot(Layout.APPROVED, id))).equals(caller)) {
      return true;
    }
    return operator(ctx, owner, caller);
  }

  /** ERC-721's receiver check: a contract recipient must answer onERC721Received with its selector. */
  private static void checkReceiver(Ctx ctx, Address operator, Address from, Address to, long id, Bytes data)
      throws Revert, SystemCall.Halt, AbiException {
    if (ctx.call.codeSize(to) == 0) {
      return;
    }
    Bytes input = AssetAbi.ON_ERC721_RECEIVED.encodeCall(operator, from, BigInteger.valueOf(id), data);
    SystemCall.CallResult r = ctx.call.call(to, input, ctx.call.gasLeft());
    if (!r.success() && r.output().size() > 0) {
      throw Revert.bubble(r.output());
    }
    Ctx.require(r.success() && returnsSelector(r.output(), AssetAbi.ERC721_RECEIVED),
        "ERC721: transfer to non ERC721Receiver implementer");
  }

  /** Whether {@code output} is the ABI encoding of {@code bytes4 selector}. */
  static boolean returnsSelector(Bytes output, int selector) {
    try {
      List<Object> v = AbiCodec.decode(List.of(AbiType.fixedBytes(4)), output);
      return java.nio.ByteBuffer.wrap(((Bytes) v.get(0)).toArray()).getInt() == selector;
    } catch (AbiException e) {
      return false;
    }
  }

  private static void addBalance(Ctx ctx, Address owner, long delta) throws SystemCall.Halt {
    UInt256 slot = ctx.slot(Layout.BALANCE, owner);
    ctx.store(slot, UInt256.valueOf(ctx.load(slot).toLong() + delta));
  }

  /** Minting is the collection's platform's, while it stays approved and licensed and the collection unfrozen. */
  private static void requireMinter(Ctx ctx, Address to) throws Revert, SystemCall.Halt {
    UInt256 header = ctx.load(Layout.HEADER);
    Address platform = Word.address(header);
    Ctx.require(ctx.caller().equals(platform), "ERC721: only the collection's platform " + platform.toChecksumHex()
        + " mints");
    Ctx.require(ctx.platformActive(platform), "ERC721: platform " + platform.toChecksumHex()
        + " is not an approved, licensed platform");
    Ctx.require(!ctx.assetFrozen(header), "collection " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require(!to.equals(Address.ZERO), "ERC721: mint to the zero address");
  }

  private static SystemResult mint(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    Bytes fingerprint = (Bytes) a.get(1);
    Bytes perceptual = (Bytes) a.get(2);
    String uri = (String) a.get(3);
    Address creator = (Address) a.get(4);
    String licenseUri = (String) a.get(5);
    Bytes licenseHash = (Bytes) a.get(6);
    Ctx.check(Metadata.checkUri("tokenURI", uri, true));
    requireMinter(ctx, to);
    long rightsId = Works.defineRights(ctx, creator, licenseUri, licenseHash);
    long id = ctx.load(Layout.NEXT_ID).toLong();
    mintOne(ctx, to, id, rightsId, fingerprint, perceptual, uri.isEmpty() ? 0 : Layout.OWN_URI, false);
    if (!uri.isEmpty()) {
      ctx.storeString(ctx.self(), ctx.slot(Layout.TOKEN_URI, id), uri);
    }
    finishMint(ctx, to, id, 1);
    ctx.emit(AssetAbi.WORKS_REGISTERED, BigInteger.valueOf(id), BigInteger.valueOf(rightsId), List.of(fingerprint),
        List.of(perceptual));
    return SystemResult.success(AssetAbi.MINT.encodeOutput(BigInteger.valueOf(id)));
  }

  @SuppressWarnings("unchecked")
  private static SystemResult mintBatch(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT_BATCH.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    List<Bytes> fingerprints = (List<Bytes>) (List<?>) a.get(1);
    List<Bytes> perceptual = (List<Bytes>) (List<?>) a.get(2);
    Address creator = (Address) a.get(3);
    String licenseUri = (String) a.get(4);
    Bytes licenseHash = (Bytes) a.get(5);
    int n = fingerprints.size();
    Ctx.require(n > 0, "ERC721: mintBatch needs at least one fingerprint");
    Ctx.require(n <= BATCH_MAX, "ERC721: mintBatch takes at most " + BATCH_MAX + " tokens, got " + n);
    Ctx.require(perceptual.isEmpty() || perceptual.size() == n,
        "ERC721: perceptualHashes must be empty or one per fingerprint, got " + perceptual.size() + " for " + n);
    requireMinter(ctx, to);
    long rightsId = Works.defineRights(ctx, creator, licenseUri, licenseHash);
    long first = ctx.load(Layout.NEXT_ID).toLong();
    Bytes zero = Bytes.wrap(new byte[32]);
    List<Bytes> perceptualOut = new ArrayList<>(perceptual);
    // ADR 0300: one word per page the batch mints whole, written before any fingerprint is registered so that a
    // duplicate inside the batch finds the earlier token live; tokens outside those pages get their own word
    long firstPage = (first + Layout.PAGE_TOKENS - 1) / Layout.PAGE_TOKENS;
    long endPage = (first + n) / Layout.PAGE_TOKENS;
    UInt256 shared = Word.pack(to, rightsId, 0);
    for (long p = firstPage; p < endPage; p++) {
      ctx.store(ctx.slot(Layout.TOKEN_PAGE, p), shared);
    }
    long pagedFrom = firstPage * Layout.PAGE_TOKENS;
    long pagedTo = endPage * Layout.PAGE_TOKENS;
    for (int i = 0; i < n; i++) {
      long id = first + i;
      boolean paged = id >= pagedFrom && id < pagedTo;
      mintOne(ctx, to, id, rightsId, fingerprints.get(i), perceptual.isEmpty() ? zero : perceptual.get(i), 0, paged);
    }
    finishMint(ctx, to, first, n);
    ctx.emit(AssetAbi.WORKS_REGISTERED, BigInteger.valueOf(first), BigInteger.valueOf(rightsId), fingerprints,
        perceptualOut);
    return SystemResult.success(AssetAbi.MINT_BATCH.encodeOutput(BigInteger.valueOf(first)));
  }

  /** Mints token {@code id}; a {@code paged} token's word is its page's, already written, unless it is a re-issue. */
  private static void mintOne(Ctx ctx, Address to, long id, long rightsId, Bytes fingerprint, Bytes perceptual,
      int flags, boolean paged) throws Revert, SystemCall.Halt {
    if (!paged) {
      ctx.store(ctx.slot(Layout.TOKEN, id), Word.pack(to, rightsId, flags));
    }
    if (Works.register(ctx, fingerprint, perceptual, id)) {
      ctx.store(ctx.slot(Layout.TOKEN, id), Word.pack(to, rightsId, flags | Layout.REISSUE_FLAG));
    }
    ctx.emitTransfer721(Address.ZERO, to, id);
  }

  private static void finishMint(Ctx ctx, Address to, long first, int n) throws SystemCall.Halt {
    ctx.store(Layout.NEXT_ID, UInt256.valueOf(first + n));
    ctx.store(Layout.SUPPLY, UInt256.valueOf(ctx.load(Layout.SUPPLY).toLong() + n));
    addBalance(ctx, to, n);
  }

  private static SystemResult burn(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    long id = tokenId(AssetAbi.BURN.decodeCall(ctx.input), 0);
    UInt256 slot = ctx.slot(Layout.TOKEN, id);
    UInt256 word = tokenWord(ctx, slot, id);
    Address owner = Word.address(word);
    Ctx.require(!owner.equals(Address.ZERO), "ERC721: invalid token ID");
    Address caller = ctx.caller();
    Ctx.require(authorized(ctx, word, id, owner, caller), "ERC721: caller is not token owner or approved");
    requireMovable(ctx, word, id, owner, caller);
    if ((Word.flags(word) & Layout.HAS_APPROVAL) != 0) {
      ctx.store(ctx.slot(Layout.APPROVED, id), UInt256.ZERO);
    }
    if ((Word.flags(word) & Layout.OWN_URI) != 0) {
      ctx.storeString(ctx.self(), ctx.slot(Layout.TOKEN_URI, id), "");
    }
    ctx.store(ctx.slot(Layout.RIGHT_HOLDER, id), UInt256.ZERO);
    // a zero word would let the page's word show through again: a paged token keeps a burned marker
    boolean paged = !ctx.load(ctx.slot(Layout.TOKEN_PAGE, id / Layout.PAGE_TOKENS)).isZero();
    ctx.store(slot, paged ? BURNED_WORD : UInt256.ZERO);
    addBalance(ctx, owner, -1);
    ctx.store(Layout.SUPPLY, UInt256.valueOf(ctx.load(Layout.SUPPLY).toLong() - 1));
    ctx.emit(AssetAbi.TRANSFER_721, owner, Address.ZERO, BigInteger.valueOf(id));
    return SystemResult.success(Bytes.EMPTY);
  }
}
