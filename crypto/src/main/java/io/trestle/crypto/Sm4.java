package io.trestle.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CTRModeCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The SM4 block cipher (GB/T 32907-2016; 16-byte key and block) in the modes Trestle uses. GCM (RFC 8998) is
 * the one for payload and session encryption; ECB, CBC and CTR exist for interoperability and carry no
 * integrity, and ECB/CBC take whole blocks only (callers that need padding add it themselves).
 *
 * <p>AEAD output is ciphertext ‖ tag. Decrypting input from outside never throws an unchecked exception: a
 * wrong length, a bad nonce or a tag mismatch is a {@link CryptoException}.
 */
public final class Sm4 {
  public static final int KEY_BYTES = 16;
  public static final int BLOCK_BYTES = 16;
  public static final int GCM_TAG_BYTES = 16;
  /** GCM accepts any non-empty nonce; 12 bytes is the standard and the fast path. Longer ones are hashed. */
  public static final int GCM_NONCE_BYTES = 12;
  public static final int GCM_NONCE_BYTES_MAX = 1024;
  /** CCM nonces are 7..13 bytes (RFC 3610); tags 4..16 bytes, even. */
  public static final int CCM_NONCE_BYTES_MIN = 7;
  public static final int CCM_NONCE_BYTES_MAX = 13;

  private Sm4() {}

  public static byte[] encryptEcb(byte[] key, byte[] plaintext) {
    return ecb(true, key, requireBlocks(plaintext, "plaintext"));
  }

  public static byte[] decryptEcb(byte[] key, byte[] ciphertext) throws CryptoException {
    return ecb(false, key, checkBlocks(ciphertext));
  }

  public static byte[] encryptCbc(byte[] key, byte[] iv, byte[] plaintext) {
    return cbc(true, key, iv, requireBlocks(plaintext, "plaintext"));
  }

  public static byte[] decryptCbc(byte[] key, byte[] iv, byte[] ciphertext) throws CryptoException {
    return cbc(false, key, iv, checkBlocks(ciphertext));
  }

  /** CTR with the whole 16-byte IV as a big-endian counter (as OpenSSL and RFC 8998 do); its own inverse. */
  public static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
    requireLength(iv, BLOCK_BYTES, "CTR iv");
    CTRModeCipher cipher = SICBlockCipher.newInstance(engine());
    cipher.init(true, new ParametersWithIV(new KeyParameter(requireKey(key)), iv));
    byte[] out = new byte[data.length];
    cipher.processBytes(data, 0, data.length, out, 0);
    return out;
  }

  /** SM4-GCM with a 16-byte tag appended. Never reuse a nonce under one key. */
  public static byte[] encryptGcm(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    requireGcmNonce(nonce);
    AEADBlockCipher cipher = GCMBlockCipher.newInstance(engine());
    cipher.init(true, new AEADParameters(new KeyParameter(requireKey(key)), GCM_TAG_BYTES * 8, nonce, aad));
    return runEncrypt(cipher, plaintext);
  }

  public static byte[] decryptGcm(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag)
      throws CryptoException {
    if (nonce.length < 1 || nonce.length > GCM_NONCE_BYTES_MAX) {
      throw new CryptoException("SM4-GCM nonce must be 1.." + GCM_NONCE_BYTES_MAX + " bytes, got " + nonce.length);
    }
    if (ciphertextAndTag.length < GCM_TAG_BYTES) {
      throw new CryptoException("SM4-GCM input is " + ciphertextAndTag.length + " bytes, shorter than its tag");
    }
    AEADBlockCipher cipher = GCMBlockCipher.newInstance(engine());
    cipher.init(false, new AEADParameters(new KeyParameter(requireKey(key)), GCM_TAG_BYTES * 8, nonce, aad));
    return runDecrypt(cipher, ciphertextAndTag, "SM4-GCM");
  }

  /** SM4-CCM with a {@code tagBytes} tag appended (RFC 8998 uses a 12-byte nonce and 16-byte tag). */
  public static byte[] encryptCcm(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int tagBytes) {
    String problem = ccmProblem(nonce, tagBytes);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    AEADBlockCipher cipher = CCMBlockCipher.newInstance(engine());
    cipher.init(true, new AEADParameters(new KeyParameter(requireKey(key)), tagBytes * 8, nonce, aad));
    return runEncrypt(cipher, plaintext);
  }

  public static byte[] decryptCcm(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag, int tagBytes)
      throws CryptoException {
    String problem = ccmProblem(nonce, tagBytes);
    if (problem != null) {
      throw new CryptoException(problem);
    }
    if (ciphertextAndTag.length < tagBytes) {
      throw new CryptoException("SM4-CCM input is " + ciphertextAndTag.length + " bytes, shorter than its tag");
    }
    AEADBlockCipher cipher = CCMBlockCipher.newInstance(engine());
    cipher.init(false, new AEADParameters(new KeyParameter(requireKey(key)), tagBytes * 8, nonce, aad));
    return runDecrypt(cipher, ciphertextAndTag, "SM4-CCM");
  }

  private static BlockCipher engine() {
    return new SM4Engine();
  }

  private static byte[] ecb(boolean encrypt, byte[] key, byte[] input) {
    BlockCipher cipher = engine();
    cipher.init(encrypt, new KeyParameter(requireKey(key)));
    return processBlocks(cipher, input);
  }

  private static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] input) {
    requireLength(iv, BLOCK_BYTES, "CBC iv");
    BlockCipher cipher = CBCBlockCipher.newInstance(engine());
    cipher.init(encrypt, new ParametersWithIV(new KeyParameter(requireKey(key)), iv));
    return processBlocks(cipher, input);
  }

  private static byte[] processBlocks(BlockCipher cipher, byte[] input) {
    byte[] out = new byte[input.length];
    for (int off = 0; off < input.length; off += BLOCK_BYTES) {
      cipher.processBlock(input, off, out, off);
    }
    return out;
  }

  private static byte[] runEncrypt(AEADBlockCipher cipher, byte[] plaintext) {
    byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
    int len = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      len += cipher.doFinal(out, len);
    } catch (InvalidCipherTextException impossible) {
      throw new IllegalStateException("encryption cannot fail authentication", impossible);
    }
    return len == out.length ? out : Arrays.copyOf(out, len);
  }

  private static byte[] runDecrypt(AEADBlockCipher cipher, byte[] input, String name) throws CryptoException {
    byte[] out = new byte[cipher.getOutputSize(input.length)];
    try {
      int len = cipher.processBytes(input, 0, input.length, out, 0);
      len += cipher.doFinal(out, len);
      return len == out.length ? out : Arrays.copyOf(out, len);
    } catch (InvalidCipherTextException mismatch) {
      throw new CryptoException(name + " tag does not match (wrong key, nonce, aad or altered ciphertext)");
    }
  }

  private static String ccmProblem(byte[] nonce, int tagBytes) {
    if (nonce.length < CCM_NONCE_BYTES_MIN || nonce.length > CCM_NONCE_BYTES_MAX) {
      return "SM4-CCM nonce must be " + CCM_NONCE_BYTES_MIN + ".." + CCM_NONCE_BYTES_MAX + " bytes, got " + nonce.length;
    }
    if (tagBytes < 4 || tagBytes > 16 || tagBytes % 2 != 0) {
      return "SM4-CCM tag must be 4, 6, ..., 16 bytes, got " + tagBytes;
    }
    return null;
  }

  private static void requireGcmNonce(byte[] nonce) {
    if (nonce.length < 1 || nonce.length > GCM_NONCE_BYTES_MAX) {
      throw new IllegalArgumentException(
          "SM4-GCM nonce must be 1.." + GCM_NONCE_BYTES_MAX + " bytes, got " + nonce.length);
    }
  }

  private static byte[] requireKey(byte[] key) {
    return requireLength(key, KEY_BYTES, "SM4 key");
  }

  private static byte[] requireLength(byte[] value, int length, String what) {
    if (value.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length);
    }
    return value;
  }

  private static byte[] requireBlocks(byte[] data, String what) {
    if (data.length % BLOCK_BYTES != 0) {
      throw new IllegalArgumentException(
          "SM4 " + what + " must be whole 16-byte blocks, got " + data.length + " bytes");
    }
    return data;
  }

  private static byte[] checkBlocks(byte[] ciphertext) throws CryptoException {
    if (ciphertext.length % BLOCK_BYTES != 0) {
      throw new CryptoException(
          "SM4 ciphertext must be whole 16-byte blocks, got " + ciphertext.length + " bytes");
    }
    return ciphertext;
  }
}
