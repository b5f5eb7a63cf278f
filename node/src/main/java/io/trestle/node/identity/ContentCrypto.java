package io.trestle.node.identity;

import io.trestle.crypto.CryptoException;
import io.trestle.crypto.Ecdh;
import io.trestle.crypto.Secp256k1;
import io.trestle.crypto.Sha256;
import io.trestle.crypto.Sm2;
import io.trestle.crypto.Sm4;
import io.trestle.services.did.KeyType;
import io.trestle.services.evidence.ContentMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side encryption of stored originals (ADR 0253): the original is sealed with a fresh content key (AES-256-GCM,
 * or SM4-GCM on an {@code sm} chain) and the content key is wrapped for each recipient's keyAgreement key. A
 * secp256k1 recipient gets ECIES (ephemeral ECDH, SHA-256 key derivation, AES-256-GCM); an SM2 recipient gets SM2
 * public-key encryption (GB/T 32918.4). Every wrap is bound to the recipient's DID URL as associated data where the
 * scheme allows it, so a wrapped key cannot be moved to another recipient entry unnoticed.
 */
public final class ContentCrypto {
  static final byte SCHEME_ECIES_SECP256K1 = 1;
  static final byte SCHEME_SM2 = 2;
  private static final byte[] KDF_LABEL = "trestle-evidence-key-wrap-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int GCM_TAG_BITS = 128;

  private ContentCrypto() {}

  /** A sealed original: the content key and what the registry stores (nonce || ciphertext || tag). */
  public record Sealed(byte[] contentKey, byte[] content) {}

  public static Sealed seal(ContentMode mode, byte[] plaintext, SecureRandom random) {
    byte[] key = new byte[mode.keyBytes()];
    random.nextBytes(key);
    byte[] nonce = new byte[ContentMode.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = mode == ContentMode.SM4_GCM
        ? Sm4.encryptGcm(key, nonce, new byte[0], plaintext)
        : aesGcm(Cipher.ENCRYPT_MODE, key, nonce, new byte[0], plaintext);
    byte[] out = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, out, 0, nonce.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return new Sealed(key, out);
  }

  public static byte[] open(ContentMode mode, byte[] contentKey, byte[] content) throws CryptoException {
    if (content.length < ContentMode.NONCE_BYTES + ContentMode.TAG_BYTES) {
      throw new CryptoException("sealed content of " + content.length + " bytes is shorter than nonce and tag");
    }
    byte[] nonce = Arrays.copyOf(content, ContentMode.NONCE_BYTES);
    byte[] body = Arrays.copyOfRange(content, ContentMode.NONCE_BYTES, content.length);
    if (mode == ContentMode.SM4_GCM) {
      return Sm4.decryptGcm(contentKey, nonce, new byte[0], body);
    }
    try {
      return aesGcmChecked(Cipher.DECRYPT_MODE, contentKey, nonce, new byte[0], body);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("content does not open with this key (altered or wrong key)");
    }
  }

  /** Wraps {@code contentKey} for a recipient key of {@code type} named {@code didUrl}. */
  public static byte[] wrap(KeyType type, byte[] recipientKey, String didUrl, byte[] contentKey, SecureRandom random)
      throws CryptoException {
    if (type == KeyType.SM2) {
      byte[] c = Sm2.encrypt(recipientKey, contentKey);
      byte[] out = new byte[1 + c.length];
      out[0] = SCHEME_SM2;
      System.arraycopy(c, 0, out, 1, c.length);
      return out;
    }
    if (type != KeyType.SECP256K1) {
      throw new CryptoException(type.label() + " keys cannot receive wrapped keys");
    }
    io.trestle.crypto.KeyPair eph = Secp256k1.generateKeyPair(random);
    byte[] kek = kek(Ecdh.secp256k1SharedSecret(eph.privateKey(), recipientKey), eph.publicKey(), recipientKey);
    byte[] nonce = new byte[ContentMode.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = aesGcm(Cipher.ENCRYPT_MODE, kek, nonce, didUrl.getBytes(StandardCharsets.US_ASCII), contentKey);
    byte[] out = new byte[1 + 64 + nonce.length + sealed.length];
    out[0] = SCHEME_ECIES_SECP256K1;
    System.arraycopy(eph.publicKey(), 0, out, 1, 64);
    System.arraycopy(nonce, 0, out, 65, nonce.length);
    System.arraycopy(sealed, 0, out, 65 + nonce.length, sealed.length);
    return out;
  }

  /** Unwraps a content key with the recipient's private key. */
  public static byte[] unwrap(KeyType type, byte[] privateKey, byte[] publicKey, String didUrl, byte[] wrapped)
      throws CryptoException {
    if (wrapped.length < 2) {
      throw new CryptoException("wrapped key is empty");
    }
    byte[] body = Arrays.copyOfRange(wrapped, 1, wrapped.length);
    if (wrapped[0] == SCHEME_SM2 && type == KeyType.SM2) {
      return Sm2.decrypt(privateKey, body);
    }
    if (wrapped[0] != SCHEME_ECIES_SECP256K1 || type != KeyType.SECP256K1) {
      throw new CryptoException("wrapped key scheme " + wrapped[0] + " does not fit a " + type.label() + " key");
    }
    if (body.length < 64 + ContentMode.NONCE_BYTES + ContentMode.TAG_BYTES) {
      throw new CryptoException("wrapped key is too short");
    }
    byte[] ephemeral = Arrays.copyOf(body, 64);
    byte[] nonce = Arrays.copyOfRange(body, 64, 64 + ContentMode.NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(body, 64 + ContentMode.NONCE_BYTES, body.length);
    byte[] kek = kek(Ecdh.secp256k1SharedSecret(privateKey, ephemeral), ephemeral, publicKey);
    try {
      return aesGcmChecked(Cipher.DECRYPT_MODE, kek, nonce, didUrl.getBytes(StandardCharsets.US_ASCII), sealed);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("wrapped key does not open with this key for " + didUrl);
    }
  }

  private static byte[] kek(byte[] shared, byte[] ephemeral, byte[] recipient) {
    byte[] buf = new byte[KDF_LABEL.length + shared.length + 128];
    System.arraycopy(KDF_LABEL, 0, buf, 0, KDF_LABEL.length);
    System.arraycopy(shared, 0, buf, KDF_LABEL.length, shared.length);
    System.arraycopy(ephemeral, 0, buf, KDF_LABEL.length + shared.length, 64);
    System.arraycopy(recipient, 0, buf, KDF_LABEL.length + shared.length + 64, 64);
    return Sha256.hash(buf);
  }

  private static byte[] aesGcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] data) {
    try {
      return aesGcmChecked(mode, key, nonce, aad, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  private static byte[] aesGcmChecked(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] data)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
    c.updateAAD(aad);
    return c.doFinal(data);
  }
}
