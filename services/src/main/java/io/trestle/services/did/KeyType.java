package io.trestle.services.did;

/**
 * The public-key types a DID's verification methods may carry, with their numbers in the registry's ABI and their
 * multicodec codes (for {@code publicKeyMultibase} in Multikey form).
 */
public enum KeyType {
  SECP256K1(1, "secp256k1", 0xe7, 64),
  SM2(2, "sm2", 0x1206, 64),
  ED25519(3, "ed25519", 0xed, 32);

  private final int code;
  private final String label;
  private final int multicodec;
  private final int storedBytes;

  KeyType(int code, String label, int multicodec, int storedBytes) {
    this.code = code;
    this.label = label;
    this.multicodec = multicodec;
    this.storedBytes = storedBytes;
  }

  /** The number used in {@code addKey(..., uint8 keyType, ...)}. */
  public int code() {
    return code;
  }

  /** Lower-case name used by the CLI and docs. */
  public String label() {
    return label;
  }

  public int multicodec() {
    return multicodec;
  }

  /** Bytes of the canonical stored form: {@code x || y} for the curves, the RFC 8032 encoding for Ed25519. */
  public int storedBytes() {
    return storedBytes;
  }

  /** Whether keys of this type can receive wrapped content keys (ECIES / SM2 encryption). */
  public boolean supportsKeyAgreement() {
    return this != ED25519;
  }

  public static KeyType ofCode(int code) {
    for (KeyType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }

  public static KeyType ofLabel(String label) {
    for (KeyType t : values()) {
      if (t.label.equalsIgnoreCase(label)) {
        return t;
      }
    }
    return null;
  }
}
