package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.crypto.Keccak256;
import io.trestle.evm.UInt256;

/**
 * The storage layout of the asset contracts (ADR 0291). Mappings use Solidity's rule, {@code keccak256(key ‖
 * base)}, so a reader who knows Solidity can find every value with {@code eth_getStorageAt} and prove it with
 * {@code eth_getProof}. Both the contracts and the node's read-only views compute slots here.
 */
public final class Layout {
  private Layout() {}

  // ---- collection / editions / token, each at its own instance address ----
  /** issuer (160) | kind (bits 160-167) | flags (bits 224-255: frozen, paused, capped). */
  static final UInt256 HEADER = UInt256.valueOf(0);
  static final UInt256 NAME = UInt256.valueOf(1);
  static final UInt256 SYMBOL = UInt256.valueOf(2);
  static final UInt256 BASE_URI = UInt256.valueOf(3);
  /** receiver (160) | basis points (bits 160-223). */
  static final UInt256 ROYALTY = UInt256.valueOf(4);
  /** The next token id (ERC-721) or work id (ERC-1155); ids start at 1. */
  static final UInt256 NEXT_ID = UInt256.valueOf(5);
  /** Live tokens (ERC-721) or total supply (ERC-20). */
  static final UInt256 SUPPLY = UInt256.valueOf(6);
  static final UInt256 RIGHTS_COUNT = UInt256.valueOf(7);
  static final UInt256 DECIMALS = UInt256.valueOf(8);
  static final UInt256 CAP = UInt256.valueOf(9);
  /** tokenId → owner (160) | rightsId (bits 160-223) | token flags (bits 224-255). */
  static final long TOKEN = 10;
  /** owner → balance (ERC-721 token count, ERC-20 amount). */
  static final long BALANCE = 11;
  static final long APPROVED = 12;
  /** owner → operator → 1. */
  static final long OPERATOR = 13;
  static final long TOKEN_URI = 14;
  /** tokenId → right holder, when it differs from the rights record's. */
  static final long RIGHT_HOLDER = 15;
  static final long RIGHTS_CREATOR = 16;
  static final long RIGHTS_HOLDER = 17;
  static final long RIGHTS_LICENSE_HASH = 18;
  static final long RIGHTS_LICENSE_URI = 19;
  /** ERC-1155 work id → editions in existence. */
  static final long EDITION_SUPPLY = 20;
  /** ERC-1155 work id → owner → editions held. */
  static final long EDITION_BALANCE = 21;
  /** ERC-20 owner → spender → allowance. */
  static final long ALLOWANCE = 22;
  /**
   * ERC-721 page ({@code tokenId / PAGE_TOKENS}) → the owner word shared by the tokens of a page that one
   * {@code mintBatch} minted whole (ADR 0300). A token whose own {@link #TOKEN} word is zero has its page's word.
   */
  static final long TOKEN_PAGE = 23;
  /** Token ids per page: a batch writes one word per whole page it mints instead of one per token. */
  public static final int PAGE_TOKENS = 16;

  // ---- platform registry ----
  static final UInt256 PLATFORM_COUNT = UInt256.valueOf(0);
  /** platform → status (low byte) | registration block (bits 160-223). */
  static final long PLATFORM = 1;
  static final long PLATFORM_NAME = 2;
  static final long PLATFORM_URI = 3;

  // ---- factories ----
  /** How many collections and tokens exist (one counter for both: they share the instance range). */
  static final UInt256 INSTANCE_COUNT = UInt256.valueOf(0);

  // ---- fingerprint registry ----
  /** content fingerprint → asset (160) | token or work id (bits 160-223). */
  static final long CONTENT = 1;
  static final long PERCEPTUAL = 2;
  /** fingerprint → collection → the right holder who authorised one licensed re-issue there. */
  static final long REISSUE = 3;

  // ---- supervision ----
  /** account → frozen flag (bit 224) | block it was frozen (bits 160-223). */
  static final long ACCOUNT_FREEZE = 1;

  // header and token flags
  static final int FROZEN = 1;
  static final int PAUSED = 2;
  static final int CAPPED = 4;
  static final int HAS_APPROVAL = 2;
  static final int REISSUE_FLAG = 4;
  static final int OWN_URI = 8;
  /**
   * A burned token's own word (zero owner): it hides the page word, so the token stays burned. Set only on tokens
   * of a page that has a word; other burned tokens get a zero word, as before pages.
   */
  static final int BURNED = 16;

  /** {@code keccak256(key ‖ base)}, Solidity's slot of {@code mapping[key]} declared at {@code base}. */
  public static UInt256 map(long base, UInt256 key) {
    return map(UInt256.valueOf(base), key);
  }

  static UInt256 map(UInt256 base, UInt256 key) {
    byte[] buf = new byte[64];
    System.arraycopy(key.toArray(), 0, buf, 0, 32);
    System.arraycopy(base.toArray(), 0, buf, 32, 32);
    return UInt256.fromBytes(Keccak256.hash(buf));
  }

  public static UInt256 map(long base, Address key) {
    return map(base, Word.ofAddress(key));
  }

  static UInt256 map(long base, long key) {
    return map(base, UInt256.valueOf(key));
  }

  /** The slot of {@code mapping[k1][k2]}. */
  static UInt256 map2(long base, UInt256 k1, UInt256 k2) {
    return map(map(base, k1), k2);
  }

  /** Solidity's slot for word {@code i} of a long string or bytes value stored at {@code slot}. */
  static UInt256 dataSlot(UInt256 slot, long i) {
    return UInt256.fromBigInteger(
        new java.math.BigInteger(1, Keccak256.hash(slot.toArray())).add(java.math.BigInteger.valueOf(i))
            .mod(java.math.BigInteger.ONE.shiftLeft(256)));
  }
}
