package io.trestle.state.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.RlpException;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AccountTest {
  @Provide
  Arbitrary<Account> accounts() {
    Arbitrary<Hash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
    return Combinators.combine(
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.bigIntegers().between(BigInteger.ZERO, Account.BALANCE_MAX).edgeCases(c -> c.includeOnly(
                BigInteger.ZERO, Account.BALANCE_MAX)),
            hashes,
            hashes)
        .as(Account::new);
  }

  @Property(tries = 300)
  void encodingRoundTrips(@ForAll("accounts") Account account) throws RlpException {
    assertEquals(account, Account.decode(account.encode()));
  }

  @Test
  void encodesAsEthereumDoes() throws RlpException {
    // An account from ethereum-tests' hex_encoded_securetrie_test (nonce 1, 0.99… ether, no storage, no code).
    Bytes encoded = Bytes.fromHex("0xf84c01880de0b6b3a7622746a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001"
        + "622fb5e363b421a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    Account account = Account.decode(encoded.toArray());
    assertEquals(1, account.nonce());
    assertEquals(new BigInteger("0de0b6b3a7622746", 16), account.balance());
    assertEquals(Hash.EMPTY_TRIE_ROOT, account.storageRoot());
    assertEquals(Hash.EMPTY_KECCAK, account.codeHash());
    assertEquals(encoded, Bytes.wrap(account.encode()));
  }

  @Test
  void refusesOutOfRangeFields() {
    assertThrows(IllegalArgumentException.class, () -> Account.of(-1, BigInteger.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Account.of(0, BigInteger.ONE.negate()));
    assertThrows(IllegalArgumentException.class, () -> Account.of(0, Account.BALANCE_MAX.add(BigInteger.ONE)));
  }

  @Test
  void refusesMalformedEncodings() {
    assertThrows(RlpException.class, () -> Account.decode(new byte[] {(byte) 0xc0}));
    byte[] wrongHash = Account.EMPTY.encode();
    wrongHash[wrongHash.length - 33] = (byte) 0x9f;
    assertThrows(RlpException.class, () -> Account.decode(wrongHash));
  }

  @Test
  void emptinessFollowsEip161() {
    assertTrue(Account.EMPTY.isEmpty());
    assertFalse(Account.EMPTY.withNonce(1).isEmpty());
    assertFalse(Account.EMPTY.withBalance(BigInteger.ONE).isEmpty());
    assertFalse(Account.EMPTY.withCodeHash(Hash.keccak(new byte[] {1})).isEmpty());
    assertTrue(Account.EMPTY.withStorageRoot(Hash.keccak(new byte[] {1})).isEmpty());
  }
}
