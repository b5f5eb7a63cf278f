package io.trestle.node.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.crypto.SmSuite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed audit requests (ADR 0275): accepted exactly when signed by an auditor over this chain, path and query. */
class AuditAuthTest {
  static final long NOW = 1_700_000_000_000L;
  static final String PATH = AuditFeed.EVENTS_PATH;

  static KeyPair key(CryptoSuite suite, int n) {
    byte[] k = new byte[32];
    k[0] = 0x44;
    k[31] = (byte) n;
    return suite.keyPair(k);
  }

  static Address address(CryptoSuite suite, KeyPair k) {
    return Address.wrap(suite.address(k.publicKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ethereum", "sm"})
  void acceptsTheAuditorsOwnSignatureAndNothingElse(String suiteName) {
    CryptoSuite suite = suiteName.equals("sm") ? SmSuite.INSTANCE : EthereumSuite.INSTANCE;
    KeyPair auditor = key(suite, 1);
    String query = AuditAuth.sign(suite, auditor, 1337, PATH, "fromBlock=5&event=AccountFrozen", NOW);
    AuditAuth.Result ok = AuditAuth.check(suite, 1337, PATH, query, NOW + 1000, a -> a.equals(address(suite, auditor)));
    assertTrue(ok.ok(), ok.refusal());
    assertEquals(address(suite, auditor), ok.auditor());

    assertFalse(AuditAuth.check(suite, 1337, PATH, query.replace("fromBlock=5", "fromBlock=4"), NOW, a -> true).ok(),
        "the query is signed");
    assertFalse(AuditAuth.check(suite, 1338, PATH, query, NOW, a -> true).ok(), "the chain is signed");
    assertFalse(AuditAuth.check(suite, 1337, AuditFeed.SOCKET_PATH, query, NOW, a -> true).ok(), "the path is signed");
    assertTrue(AuditAuth.check(suite, 1337, PATH, query, NOW + AuditAuth.SKEW_MS_MAX + 1, a -> true).refusal()
        .contains("away from the node's clock"));
    assertTrue(AuditAuth.check(suite, 1337, PATH, query, NOW, a -> false).refusal().contains("does not hold the auditor role"));
    String claimed = query.replace(address(suite, auditor).toHex(), address(suite, key(suite, 2)).toHex());
    assertFalse(AuditAuth.check(suite, 1337, PATH, claimed, NOW, a -> true).ok(), "claiming another auditor");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fromBlock=1", "sig=0x00", "fromBlock=1&sig=0x12&ts=5", "auditor=0xzz&ts=1&sig=0x00",
      "auditor=0x0000000000000000000000000000000000000001&ts=x&sig=0x00"})
  void refusesMalformedRequestsWithAReason(String query) {
    AuditAuth.Result r = AuditAuth.check(EthereumSuite.INSTANCE, 1337, PATH, query, NOW, a -> true);
    assertFalse(r.ok());
    assertFalse(r.refusal().isBlank());
  }
}
