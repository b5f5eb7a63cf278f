package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.math.BigInteger;

/**
 * What collections and editions share about works (ADRs 0295, 0296): the network-wide fingerprint registry,
 * liveness of a registered work, and rights records. All state is read through {@link Slots}, so the node's
 * views use the same code as the contracts.
 */
final class Works {
  private Works() {}

  /**
   * The owner word of ERC-721 token {@code id} (ADR 0300): its own word, or, when that is zero, the word of its
   * page (batch-minted tokens never moved or touched); zero when never minted. A burned token's own word has a
   * zero owner. Editions' works never have page words, so for them this is their own word.
   */
  static UInt256 tokenWord(Slots s, Address asset, long id) throws SystemCall.Halt {
    UInt256 own = s.load(asset, Layout.map(Layout.TOKEN, id));
    return own.isZero() ? s.load(asset, Layout.map(Layout.TOKEN_PAGE, id / Layout.PAGE_TOKENS)) : own;
  }

  /** Whether the work a registry entry points at still exists: a live ERC-721 token, or editions in supply. */
  static boolean isLive(Slots s, UInt256 entry) throws SystemCall.Halt {
    if (entry.isZero()) {
      return false;
    }
    Address asset = Word.address(entry);
    long id = Word.mid(entry);
    int kind = Factories.kind(s.load(asset, Layout.HEADER));
    if (kind == Factories.KIND_ERC721) {
      return !Word.address(tokenWord(s, asset, id)).equals(Address.ZERO);
    }
    if (kind == Factories.KIND_ERC1155) {
      return !s.load(asset, Layout.map(Layout.EDITION_SUPPLY, id)).isZero();
    }
    return false;
  }

  /**
   * Registers the fingerprints of work {@code id} of this collection. A content fingerprint (or perceptual hash)
   * that a live work holds anywhere on the chain is refused, naming that work, unless its right holder authorised
   * one licensed re-issue into this collection: the authorisation is then used up and the new work is a
   * re-issue. Returns whether it is one. The work's own state must be written first, so a duplicate inside one
   * batch finds the earlier token live.
   */
  static boolean register(Ctx ctx, Bytes fingerprint, Bytes perceptual, long id) throws Revert, SystemCall.Halt {
    Ctx.require(!Metadata.isZero(fingerprint), "fingerprint of work " + id + " must not be zero");
    Address self = ctx.self();
    UInt256 key = Word.ofBytes(fingerprint);
    UInt256 slot = ctx.slot(Layout.CONTENT, key);
    UInt256 entry = ctx.load(AssetAddresses.FINGERPRINTS, slot);
    boolean reissue = false;
    if (isLive(ctx, entry)) {
      UInt256 authSlot = ctx.slot2(Layout.REISSUE, key, Word.ofAddress(self));
      UInt256 auth = ctx.load(AssetAddresses.FINGERPRINTS, authSlot);
      Ctx.require(!auth.isZero(), "fingerprint " + fingerprint.toHex() + " is already registered: " + describe(entry));
      Address holder = rightHolder(ctx, Word.address(entry), Word.mid(entry));
      Ctx.require(Word.address(auth).equals(holder), "re-issue of fingerprint " + fingerprint.toHex()
          + " was authorised by " + Word.address(auth).toChecksumHex() + ", who no longer holds the rights");
      ctx.store(AssetAddresses.FINGERPRINTS, authSlot, UInt256.ZERO);
      ctx.emit(AssetAbi.REISSUED, BigInteger.valueOf(id), fingerprint, Word.address(entry),
          BigInteger.valueOf(Word.mid(entry)));
      reissue = true;
    } else {
      ctx.store(AssetAddresses.FINGERPRINTS, slot, Word.pack(self, id, 0));
    }
    if (!Metadata.isZero(perceptual)) {
      UInt256 pslot = ctx.slot(Layout.PERCEPTUAL, Word.ofBytes(perceptual));
      UInt256 pentry = ctx.load(AssetAddresses.FINGERPRINTS, pslot);
      if (isLive(ctx, pentry)) {
        Ctx.require(reissue && pentry.equals(entry), "perceptual hash " + perceptual.toHex()
            + " is already registered: " + describe(pentry));
      } else if (!reissue) {
        ctx.store(AssetAddresses.FINGERPRINTS, pslot, Word.pack(self, id, 0));
      }
    }
    return reissue;
  }

  static String describe(UInt256 entry) {
    return "asset " + Word.address(entry).toChecksumHex() + " token " + Long.toUnsignedString(Word.mid(entry));
  }

  /** Creates a rights record: the creator is the first right holder. Returns its id (from 1). */
  static long defineRights(Ctx ctx, Address creator, String licenseUri, Bytes licenseHash)
      throws Revert, SystemCall.Halt {
    Ctx.require(!creator.equals(Address.ZERO), "creator must not be the zero address");
    Ctx.check(Metadata.checkLicense(licenseUri, licenseHash));
    long rightsId = ctx.load(Layout.RIGHTS_COUNT).toLong() + 1;
    ctx.store(Layout.RIGHTS_COUNT, UInt256.valueOf(rightsId));
    ctx.store(ctx.slot(Layout.RIGHTS_CREATOR, rightsId), Word.ofAddress(creator));
    if (!licenseUri.isEmpty()) {
      ctx.store(ctx.slot(Layout.RIGHTS_LICENSE_HASH, rightsId), Word.ofBytes(licenseHash));
      ctx.storeString(ctx.self(), ctx.slot(Layout.RIGHTS_LICENSE_URI, rightsId), licenseUri);
    }
    ctx.emit(AssetAbi.RIGHTS_DEFINED, BigInteger.valueOf(rightsId), creator, creator, licenseUri, licenseHash);
    return rightsId;
  }

  /** The rights of work {@code id} of {@code asset}, or null when it does not exist. */
  static RightsView rights(Slots s, Address asset, long id) throws SystemCall.Halt {
    UInt256 word = tokenWord(s, asset, id);
    long rightsId = Word.mid(word);
    if (rightsId == 0) {
      return null;
    }
    Address creator = Word.address(s.load(asset, Layout.map(Layout.RIGHTS_CREATOR, rightsId)));
    Address holder = Word.address(s.load(asset, Layout.map(Layout.RIGHT_HOLDER, id)));
    if (holder.equals(Address.ZERO)) {
      holder = creator;
    }
    Bytes hash = Word.bytes32(s.load(asset, Layout.map(Layout.RIGHTS_LICENSE_HASH, rightsId)));
    String uri = Metadata.isZero(hash) ? "" : s.loadString(asset, Layout.map(Layout.RIGHTS_LICENSE_URI, rightsId));
    return new RightsView(rightsId, creator, holder, uri, hash, (Word.flags(word) & Layout.REISSUE_FLAG) != 0);
  }

  static Address rightHolder(Slots s, Address asset, long id) throws SystemCall.Halt {
    RightsView r = rights(s, asset, id);
    return r == null ? Address.ZERO : r.rightHolder();
  }

  /** A work's rights as stored: the record it was minted under, its current holder, and whether it is a re-issue. */
  record RightsView(long rightsId, Address creator, Address rightHolder, String licenseUri, Bytes licenseHash,
      boolean reissue) {}

  /** Moves the rights of work {@code id} (not its ownership) to {@code to}: only the current right holder may. */
  static void transferRights(Ctx ctx, long id, Address to) throws Revert, SystemCall.Halt {
    RightsView r = rights(ctx, ctx.self(), id);
    Ctx.require(r != null, "rights: work " + Long.toUnsignedString(id) + " does not exist");
    Ctx.require(ctx.caller().equals(r.rightHolder()), "rights: only the right holder "
        + r.rightHolder().toChecksumHex() + " transfers the rights of work " + Long.toUnsignedString(id));
    Ctx.require(!to.equals(Address.ZERO), "rights: transfer to the zero address");
    Ctx.require(!to.equals(r.rightHolder()), "rights: " + to.toChecksumHex() + " already holds them");
    UInt256 header = ctx.load(Layout.HEADER);
    Ctx.require(!ctx.assetFrozen(header), "asset " + ctx.self().toChecksumHex() + " is frozen");
    UInt256 word = tokenWord(ctx, ctx.self(), id);
    Ctx.require(!ctx.tokenFrozen(word, id), "work " + Long.toUnsignedString(id) + " is frozen");
    Ctx.require(!ctx.accountFrozen(ctx.caller()), "account " + ctx.caller().toChecksumHex() + " is frozen");
    ctx.store(ctx.slot(Layout.RIGHT_HOLDER, id), Word.ofAddress(to));
    ctx.emit(AssetAbi.RIGHTS_TRANSFERRED, BigInteger.valueOf(id), r.rightHolder(), to);
  }
}
