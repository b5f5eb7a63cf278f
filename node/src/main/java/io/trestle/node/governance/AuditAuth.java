package io.trestle.node.governance;

import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.Hex;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.Signature;
import io.trestle.crypto.SignatureException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Who may read the audit stream: requests signed by an account that holds the {@code auditor} role at the head
 * (ADR 0275). The request's query carries {@code auditor} (the address), {@code ts} (milliseconds since the epoch,
 * within five minutes of the node's clock) and, last, {@code sig}: the suite signature over
 * {@code suite.hash("trestle-audit\n" + chainId + "\n" + path + "\n" + query-before-sig)} as {@code r‖s‖v}
 * (65 bytes), followed by the 64-byte public key on the sm suite. No session, no secret on the node; a captured
 * request can be replayed only within its five minutes, and only to read what its signer may read anyway.
 */
public final class AuditAuth {
  public static final long SKEW_MS_MAX = 5 * 60_000;
  private static final int QUERY_CHARS_MAX = 4096;

  private AuditAuth() {}

  /** The outcome of checking a request: the auditor, or why it is refused. */
  public record Result(Address auditor, String refusal) {
    public boolean ok() {
      return refusal == null;
    }
  }

  static byte[] digest(CryptoSuite suite, long chainId, String path, String unsignedQuery) {
    String message = "trestle-audit\n" + chainId + "\n" + path + "\n" + unsignedQuery;
    return suite.hash(message.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code auditor}, {@code ts} and {@code sig} to {@code query}: what the CLI and tests send. */
  public static String sign(CryptoSuite suite, KeyPair key, long chainId, String path, String query, long nowMs) {
    Address auditor = Address.wrap(suite.address(key.publicKey()));
    String unsigned = (query.isEmpty() ? "" : query + "&") + "auditor=" + auditor.toHex() + "&ts=" + nowMs;
    Signature s = suite.sign(digest(suite, chainId, path, unsigned), key);
    byte[] sig = s.toCompact();
    if (suite.signatureCarriesPublicKey()) {
      byte[] withKey = Arrays.copyOf(sig, 65 + 64);
      System.arraycopy(key.publicKey(), 0, withKey, 65, 64);
      sig = withKey;
    }
    return unsigned + "&sig=" + Hex.encodePrefixed(sig);
  }

  public static Result check(CryptoSuite suite, long chainId, String path, String rawQuery, long nowMs,
      Predicate<Address> isAuditor) {
    if (rawQuery.length() > QUERY_CHARS_MAX) {
      return refuse("query longer than " + QUERY_CHARS_MAX + " characters");
    }
    int at = rawQuery.lastIndexOf("sig=");
    if (at < 0 || (at > 0 && rawQuery.charAt(at - 1) != '&') || rawQuery.indexOf('&', at) >= 0) {
      return refuse("sign the request: sig must be the last query parameter (see docs/operations.md, audit stream)");
    }
    String unsigned = at == 0 ? "" : rawQuery.substring(0, at - 1);
    String auditorText = null;
    String ts = null;
    for (String part : unsigned.split("&")) {
      if (part.startsWith("auditor=")) {
        auditorText = part.substring("auditor=".length());
      } else if (part.startsWith("ts=")) {
        ts = part.substring("ts=".length());
      }
    }
    if (auditorText == null || ts == null) {
      return refuse("auditor and ts are required with sig");
    }
    Address auditor;
    long tsMs;
    byte[] sig;
    try {
      auditor = Address.fromHex(auditorText);
      tsMs = Long.parseLong(ts);
      sig = Hex.decode(rawQuery.substring(at + "sig=".length()));
    } catch (IllegalArgumentException e) {
      return refuse("malformed auditor, ts or sig: " + e.getMessage());
    }
    if (Math.abs(nowMs - tsMs) > SKEW_MS_MAX) {
      return refuse("ts " + tsMs + " is more than " + SKEW_MS_MAX / 1000 + " s away from the node's clock " + nowMs);
    }
    Address signer;
    try {
      signer = Address.wrap(suite.recoverAddress(digest(suite, chainId, path, unsigned), signature(sig)));
    } catch (SignatureException | IllegalArgumentException e) {
      return refuse("bad signature: " + e.getMessage());
    }
    if (!signer.equals(auditor)) {
      return refuse("signature is by " + signer.toChecksumHex() + ", not by the auditor " + auditor.toChecksumHex());
    }
    if (!isAuditor.test(auditor)) {
      return refuse(auditor.toChecksumHex() + " does not hold the auditor role");
    }
    return new Result(auditor, null);
  }

  private static Signature signature(byte[] sig) {
    if (sig.length != 65 && sig.length != 65 + 64) {
      throw new IllegalArgumentException("sig must be 65 bytes (r, s, v), or 129 with the public key, got " + sig.length);
    }
    int v = sig[64] & 0xff;
    int recovery = v >= 27 ? v - 27 : v;
    byte[] publicKey = sig.length == 129 ? Arrays.copyOfRange(sig, 65, 129) : null;
    return new Signature(new BigInteger(1, Arrays.copyOfRange(sig, 0, 32)), new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)),
        recovery, publicKey);
  }

  private static Result refuse(String why) {
    return new Result(null, why);
  }
}
