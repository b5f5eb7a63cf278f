package io.trestle.node.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys of the asset index in the {@code INDEXES} column (ADR 0299): {@code "asset/"}, one tag byte, then
 * fixed-width fields, so a prefix scan lists one owner's, creator's, fingerprint's or token's entries in order.
 */
final class IndexKeys {
  static final byte[] PREFIX = "asset/".getBytes(StandardCharsets.US_ASCII);
  /** The last block whose events are in the index. */
  static final byte HEIGHT = 'h';
  /** owner, asset, id → amount held. */
  static final byte OWNED = 'o';
  /** creator, asset, id → (empty). */
  static final byte CREATED = 'c';
  /** content fingerprint, asset, id → (empty). */
  static final byte FINGERPRINT = 'f';
  /** perceptual hash, asset, id → (empty). */
  static final byte PERCEPTUAL = 'p';
  /** asset, id → the work's mint record. */
  static final byte WORK = 'k';
  /** asset, id, block, log → one ownership move. */
  static final byte HISTORY = 'x';
  /** asset, id, block, log → one rights transfer. */
  static final byte RIGHTS_HISTORY = 'y';
  /** asset, rights id → creator. */
  static final byte RIGHTS = 'r';
  /** issuer, asset → kind. */
  static final byte BY_ISSUER = 'a';
  /** holder, token → (empty): fungible tokens an account has held. */
  static final byte HOLDINGS = 'b';
  /** block, log → one regulator action. */
  static final byte SUPERVISION = 's';
  /** platform → (empty). */
  static final byte PLATFORMS = 'P';

  private IndexKeys() {}

  static Builder key(byte tag) {
    return new Builder(tag);
  }

  /** Builds one key. */
  static final class Builder {
    private final ByteBuffer buf = ByteBuffer.allocate(PREFIX.length + 1 + 96);

    private Builder(byte tag) {
      buf.put(PREFIX).put(tag);
    }

    Builder address(Address a) {
      buf.put(a.unsafeArray());
      return this;
    }

    Builder bytes(Bytes b) {
      buf.put(b.unsafeArray());
      return this;
    }

    Builder raw(byte[] b) {
      buf.put(b);
      return this;
    }

    Builder u64(long v) {
      buf.putLong(v);
      return this;
    }

    Builder u32(int v) {
      buf.putInt(v);
      return this;
    }

    byte[] build() {
      byte[] out = new byte[buf.position()];
      System.arraycopy(buf.array(), 0, out, 0, out.length);
      return out;
    }
  }
}
