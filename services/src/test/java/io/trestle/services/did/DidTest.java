package io.trestle.services.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DidTest {
  static final String ALICE = "did:trestle:1337:0x00000000000000000000000000000000a0000001";

  @Test
  void parsesAndPrintsTheOneSpellingOfADid() throws Exception {
    Did d = Did.parse(ALICE);
    assertEquals(1337, d.chainId());
    assertEquals(Address.ofLong(0xa000_0001L), d.address());
    assertEquals(ALICE, d.toString());
    assertEquals(ALICE + "#key-1", d.withFragment("key-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "did:trestle:1337:0x00000000000000000000000000000000A0000001",
      "did:trestle:01337:0x00000000000000000000000000000000a0000001",
      "did:trestle:0:0x00000000000000000000000000000000a0000001",
      "did:trestle:1337:00000000000000000000000000000000a0000001",
      "did:trestle:1337:0x00000000000000000000000000000000a000001",
      "did:trestle:1337",
      "did:trestle:99999999999999999999:0x00000000000000000000000000000000a0000001",
      "did:example:123",
      "did:trestle:1337:0x00000000000000000000000000000000a0000001#frag",
      "DID:trestle:1337:0x00000000000000000000000000000000a0000001",
      ""})
  void refusesEverythingElseWithAReason(String text) {
    DidSyntaxException e = assertThrows(DidSyntaxException.class, () -> Did.parse(text));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void namesTheOffendingPart() {
    assertEquals("address '0x00000000000000000000000000000000A0000001' must be lower-case hex (character 34 is 'A')",
        assertThrows(DidSyntaxException.class,
            () -> Did.parse("did:trestle:1337:0x00000000000000000000000000000000A0000001")).getMessage());
    assertEquals("'did:example:123' is not a did:trestle DID",
        assertThrows(DidSyntaxException.class, () -> Did.parse("did:example:123")).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"did:example:123456789abcdefghi", "did:example:123", "did:web:w3c-ccg.github.io",
      "did:indy:sovrin:builder:VbPQNHsvoLZdaNU7fTBeFx", "did:ebsi:z25ZZFS7FweHsm9MX2Qvc6gc", "did:example:a%20b"})
  void acceptsDidCoreSyntaxOfOtherMethods(String did) {
    assertTrue(Did.isDidSyntax(did));
  }

  @ParameterizedTest
  @ValueSource(strings = {"did:Example:123", "did:example:", "did:example:12:", "did::123", "did:example:1 2",
      "did:example:a%2", "did:example:a%zz", "did:example:123/path", "did:example:123?x=1"})
  void rejectsWhatTheDidRuleRejects(String text) {
    assertFalse(Did.isDidSyntax(text));
  }

  @Property
  void everyAddressAndChainRoundTrips(@ForAll byte[] seed, @ForAll long chain) throws Exception {
    long chainId = chain == Long.MIN_VALUE ? 1 : Math.max(1, Math.abs(chain));
    byte[] a = new byte[20];
    System.arraycopy(seed, 0, a, 0, Math.min(20, seed.length));
    Did d = Did.of(chainId, Address.wrap(a));
    assertEquals(d, Did.parse(d.toString()));
  }
}
