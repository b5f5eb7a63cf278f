package io.trestle.p2p;

import io.trestle.crypto.CryptoException;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Sha256;
import io.trestle.crypto.Sm3;
import io.trestle.crypto.Sm4;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric half of a session, chosen by the chain's crypto suite (ADR 0201): SHA-256, HKDF-SHA-256 and
 * AES-256-GCM on {@code ethereum} chains; SM3, HKDF over HMAC-SM3 and SM4-GCM on {@code sm} chains, so an
 * {@code sm} chain uses national-standard algorithms end to end.
 */
enum SessionSuite {
  ETHEREUM(1, 32) {
    @Override
    byte[] hash(byte[] data) {
      return Sha256.hash(data);
    }

    @Override
    byte[] hmac(byte[] key, byte[] data) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
      } catch (GeneralSecurityException missing) {
        throw new IllegalStateException("the JDK must provide HmacSHA256", missing);
      }
    }

    @Override
    Aead aead(byte[] key) {
      return new AesGcm(key);
    }
  },
  SM(2, Sm4.KEY_BYTES) {
    @Override
    byte[] hash(byte[] data) {
      return Sm3.hash(data);
    }

    @Override
    byte[] hmac(byte[] key, byte[] data) {
      return Sm3.hmac(key, data);
    }

    @Override
    Aead aead(byte[] key) {
      return new Sm4Gcm(key);
    }
  };

  static final int TAG_BYTES = 16;
  static final int NONCE_BYTES = 12;

  /** The byte that names the suite in a hello. */
  final int wireId;
  /** AEAD key length: AES-256 or SM4-128. */
  final int keyBytes;

  SessionSuite(int wireId, int keyBytes) {
    this.wireId = wireId;
    this.keyBytes = keyBytes;
  }

  abstract byte[] hash(byte[] data);

  abstract byte[] hmac(byte[] key, byte[] data);

  abstract Aead aead(byte[] key);

  static SessionSuite of(CryptoSuite suite) {
    return switch (suite.name()) {
      case "ethereum" -> ETHEREUM;
      case "sm" -> SM;
      default -> throw new IllegalArgumentException("no session suite for crypto suite " + suite.name());
    };
  }

  /** The suite a hello names, or null for an unknown byte. */
  static SessionSuite byWireId(int wireId) {
    for (SessionSuite s : values()) {
      if (s.wireId == wireId) {
        return s;
      }
    }
    return null;
  }

  /** HKDF-Extract (RFC 5869) over this suite's HMAC. */
  byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
    return hmac(salt, inputKeyMaterial);
  }

  /** HKDF-Expand for at most one hash length, which is all a session key needs. */
  byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
    if (length > 32) {
      throw new IllegalArgumentException("expand is limited to one 32-byte block, asked for " + length);
    }
    byte[] input = Arrays.copyOf(info, info.length + 1);
    input[info.length] = 1;
    return Arrays.copyOf(hmac(pseudoRandomKey, input), length);
  }

  /** An authenticated cipher under one fixed key; nonces are always {@link #NONCE_BYTES} long. */
  interface Aead {
    byte[] seal(byte[] nonce, byte[] plaintext);

    byte[] open(byte[] nonce, byte[] ciphertextAndTag) throws ProtocolException;
  }

  /** The JDK's AES-GCM, which uses the CPU's AES instructions; one Cipher object per direction, re-initialised per frame. */
  private static final class AesGcm implements Aead {
    private final SecretKeySpec key;
    private final Cipher cipher;

    AesGcm(byte[] key) {
      this.key = new SecretKeySpec(key, "AES");
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException missing) {
        throw new IllegalStateException("the JDK must provide AES/GCM/NoPadding", missing);
      }
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] plaintext) {
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher.doFinal(plaintext);
      } catch (GeneralSecurityException impossible) {
        throw new IllegalStateException("AES-GCM encryption failed", impossible);
      }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] ciphertextAndTag) throws ProtocolException {
      if (ciphertextAndTag.length < TAG_BYTES) {
        throw new ProtocolException("AES-GCM frame is " + ciphertextAndTag.length + " bytes, shorter than its tag");
      }
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        return cipher.doFinal(ciphertextAndTag);
      } catch (AEADBadTagException mismatch) {
        throw new ProtocolException("AES-GCM tag does not match (altered, replayed or reordered frame)");
      } catch (GeneralSecurityException impossible) {
        throw new IllegalStateException("AES-GCM decryption failed", impossible);
      }
    }
  }

  private static final class Sm4Gcm implements Aead {
    private final byte[] key;

    Sm4Gcm(byte[] key) {
      this.key = key.clone();
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] plaintext) {
      return Sm4.encryptGcm(key, nonce, new byte[0], plaintext);
    }

    @Override
    public byte[] open(byte[] nonce, byte[] ciphertextAndTag) throws ProtocolException {
      try {
        return Sm4.decryptGcm(key, nonce, new byte[0], ciphertextAndTag);
      } catch (CryptoException mismatch) {
        throw new ProtocolException(mismatch.getMessage());
      }
    }
  }
}
