package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.system.SystemCall;
import java.util.Optional;

/**
 * Read-only views of asset state for the node's queries (REST, JSON-RPC, CLI): the same layout and rules the
 * contracts use, read from a committed state without running the EVM. Thread-safe when the reader is.
 */
public final class AssetViews {
  /** Reads one storage word of a committed state. */
  @FunctionalInterface
  public interface StateReader {
    UInt256 load(Address account, UInt256 slot);
  }

  /** What an address of the instance range holds. */
  public enum Kind {
    NONE, ERC721, ERC1155, ERC20;

    static Kind of(int code) {
      return code >= 0 && code < values().length ? values()[code] : NONE;
    }
  }

  /** A collection or token contract. */
  public record AssetInfo(Address address, Kind kind, Address issuer, String name, String symbol, boolean frozen,
      boolean paused, long nextId, UInt256 supply) {}

  /** One NFT (ERC-721 token or ERC-1155 work) with its rights. */
  public record TokenInfo(Address asset, long id, Address owner, UInt256 editions, String uri, boolean frozen,
      boolean reissue, Address creator, Address rightHolder, String licenseUri, Bytes licenseHash, long rightsId) {}

  /** Who holds a fingerprint: the work the registry names and whether it is still live. */
  public record FingerprintEntry(Address asset, long id, boolean live) {}

  /** A platform as registered. */
  public record PlatformInfo(Address address, String status, String name, String uri, String did, long registeredBlock) {}

  private final Slots slots;
  private final long chainId;

  public AssetViews(StateReader reader, long chainId) {
    this.slots = new Slots() {
      @Override
      public UInt256 load(Address account, UInt256 slot) {
        return reader.load(account, slot);
      }

      @Override
      public void store(Address account, UInt256 slot, UInt256 value) {
        throw new UnsupportedOperationException("asset views are read-only");
      }
    };
    this.chainId = chainId;
  }

  public long chainId() {
    return chainId;
  }

  /** How many collections and tokens exist (they take instance addresses in creation order). */
  public long assetCount() {
    return read(AssetAddresses.COLLECTIONS, Layout.INSTANCE_COUNT).toLong();
  }

  public Optional<AssetInfo> asset(Address address) {
    if (!AssetAddresses.isInstance(address)) {
      return Optional.empty();
    }
    UInt256 header = read(address, Layout.HEADER);
    Kind kind = Kind.of(Factories.kind(header));
    if (kind == Kind.NONE) {
      return Optional.empty();
    }
    int flags = Word.flags(header);
    return Optional.of(new AssetInfo(address, kind, Word.address(header), string(address, Layout.NAME),
        string(address, Layout.SYMBOL), (flags & Layout.FROZEN) != 0, (flags & Layout.PAUSED) != 0,
        read(address, Layout.NEXT_ID).toLong(), read(address, Layout.SUPPLY)));
  }

  /** A token or work with its rights; empty when it does not exist (never minted, or burned). */
  public Optional<TokenInfo> token(Address asset, long id) {
    Optional<AssetInfo> info = asset(asset);
    if (info.isEmpty() || info.get().kind() == Kind.ERC20 || id <= 0) {
      return Optional.empty();
    }
    UInt256 word;
    Works.RightsView rights;
    try {
      word = Works.tokenWord(slots, asset, id);
      rights = Works.rights(slots, asset, id);
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
    if (rights == null) {
      return Optional.empty();
    }
    Address owner = Word.address(word);
    UInt256 editions = info.get().kind() == Kind.ERC721 ? UInt256.ONE : read(asset, Layout.map(Layout.EDITION_SUPPLY, id));
    if (info.get().kind() == Kind.ERC721 ? owner.equals(Address.ZERO) : editions.isZero()) {
      return Optional.empty();
    }
    int flags = Word.flags(word);
    String uri;
    if ((flags & Layout.OWN_URI) != 0) {
      uri = string(asset, Layout.map(Layout.TOKEN_URI, id));
    } else {
      String base = string(asset, Layout.BASE_URI);
      uri = info.get().kind() == Kind.ERC721 && !base.isEmpty() ? base + id : base;
    }
    return Optional.of(new TokenInfo(asset, id, owner, editions, uri, (flags & Layout.FROZEN) != 0,
        rights.reissue(), rights.creator(), rights.rightHolder(), rights.licenseUri(), rights.licenseHash(),
        rights.rightsId()));
  }

  /**
   * The owner of an ERC-721 token, or empty. The cheapest ownership query: one storage read, two for a
   * batch-minted token that never moved (ADR 0300).
   */
  public Optional<Address> ownerOf(Address collection, long id) {
    if (!AssetAddresses.isInstance(collection) || id <= 0) {
      return Optional.empty();
    }
    Address owner;
    try {
      owner = Word.address(Works.tokenWord(slots, collection, id));
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
    return owner.equals(Address.ZERO) ? Optional.empty() : Optional.of(owner);
  }

  /** ERC-721 token count or ERC-20 amount held by {@code owner}. */
  public UInt256 balanceOf(Address asset, Address owner) {
    return read(asset, Layout.map(Layout.BALANCE, owner));
  }

  public UInt256 editionBalance(Address asset, long id, Address owner) {
    return read(asset, Layout.map2(Layout.EDITION_BALANCE, UInt256.valueOf(id), Word.ofAddress(owner)));
  }

  public Optional<FingerprintEntry> fingerprint(Bytes fingerprint) {
    return entry(Layout.CONTENT, fingerprint);
  }

  public Optional<FingerprintEntry> perceptualHash(Bytes hash) {
    return entry(Layout.PERCEPTUAL, hash);
  }

  private Optional<FingerprintEntry> entry(long base, Bytes key) {
    if (key.size() != 32) {
      return Optional.empty();
    }
    UInt256 entry = read(AssetAddresses.FINGERPRINTS, Layout.map(base, Word.ofBytes(key)));
    if (entry.isZero()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new FingerprintEntry(Word.address(entry), Word.mid(entry), Works.isLive(slots, entry)));
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  public Optional<PlatformInfo> platform(Address platform) {
    UInt256 w = read(AssetAddresses.PLATFORMS, Layout.map(Layout.PLATFORM, platform));
    int status = PlatformRegistry.status(w);
    if (status == PlatformRegistry.NONE) {
      return Optional.empty();
    }
    String name = switch (status) {
      case PlatformRegistry.PENDING -> "pending";
      case PlatformRegistry.APPROVED -> "approved";
      default -> "suspended";
    };
    return Optional.of(new PlatformInfo(platform, name,
        string(AssetAddresses.PLATFORMS, Layout.map(Layout.PLATFORM_NAME, platform)),
        string(AssetAddresses.PLATFORMS, Layout.map(Layout.PLATFORM_URI, platform)),
        PlatformRegistry.did(chainId, platform), Word.mid(w)));
  }

  /** Frozen by the asset regulator (governance's own freezes are not visible here). */
  public boolean accountFrozen(Address account) {
    return (Word.flags(read(AssetAddresses.SUPERVISION, Layout.map(Layout.ACCOUNT_FREEZE, account))) & Layout.FROZEN) != 0;
  }

  /** The implicit DID of an account on this chain. */
  public String did(Address account) {
    return PlatformRegistry.did(chainId, account);
  }

  /**
   * The slot of an ERC-721 token's own owner word, for {@code eth_getProof}-style ownership proofs. When that
   * word is zero the owner is in {@link #tokenPageSlot} (ADR 0300): a proof of ownership proves both.
   */
  public static UInt256 tokenSlot(long id) {
    return Layout.map(Layout.TOKEN, id);
  }

  /** The slot of the page word a batch-minted token shares while its own word is zero (ADR 0300). */
  public static UInt256 tokenPageSlot(long id) {
    return Layout.map(Layout.TOKEN_PAGE, id / Layout.PAGE_TOKENS);
  }

  private UInt256 read(Address a, UInt256 slot) {
    try {
      return slots.load(a, slot);
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private String string(Address a, UInt256 slot) {
    try {
      return slots.loadString(a, slot);
    } catch (SystemCall.Halt impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
