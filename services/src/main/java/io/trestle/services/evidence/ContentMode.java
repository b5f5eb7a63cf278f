package io.trestle.services.evidence;

/** How a stored original is kept: not at all, in clear, or encrypted client-side with a wrapped content key. */
public enum ContentMode {
  NONE(0, "none"),
  CLEAR(1, "clear"),
  AES_256_GCM(2, "aes-256-gcm"),
  SM4_GCM(3, "sm4-gcm");

  /** Largest original, in clear or before encryption. */
  public static final int ORIGINAL_BYTES_MAX = 64 * 1024;
  /** Encrypted content is nonce (12) || ciphertext || tag (16). */
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int ENCRYPTED_BYTES_MAX = ORIGINAL_BYTES_MAX + NONCE_BYTES + TAG_BYTES;

  private final int code;
  private final String label;

  ContentMode(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public boolean encrypted() {
    return this == AES_256_GCM || this == SM4_GCM;
  }

  /** Content-key length: 32 bytes for AES-256, 16 for SM4. */
  public int keyBytes() {
    return this == SM4_GCM ? 16 : 32;
  }

  public static ContentMode ofCode(int code) {
    for (ContentMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    return null;
  }
}
