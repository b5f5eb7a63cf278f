package io.trestle.node.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Bytes;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any single byte of a valid receipt changed, by any bit pattern, makes it fail verification, and the failure
 * names the part of the receipt that was changed (or is a JSON syntax error).
 */
class ReceiptTamperTest {
  static Path dir;
  static LocalChain chain;
  static byte[] receipt;
  static String[] sectionOf;
  static ReceiptVerifier verifier;

  @BeforeContainer
  static void makeReceipt() throws Exception {
    dir = Files.createTempDirectory("tamper");
    chain = LocalChain.start(dir.resolve("node"), 200);
    Bytes digest = Bytes.wrap(HashAlgorithm.SHA256.hash("bill of lading 8812".getBytes(StandardCharsets.UTF_8)));
    JsonNode r = chain.client.transact(LocalChain.ALICE, EvidenceRegistry.ADDRESS,
        ChainClient.encode(EvidenceRegistry.NOTARIZE, digest, BigInteger.ONE, "lading"), 30);
    receipt = ReceiptJson.write(chain.client.awaitEvidenceReceipt(r.get("transactionHash").asText(), 0, 30));
    verifier = new ReceiptVerifier(Trust.of(chain.genesis));
    sectionOf = sections(receipt);
    chain.close();
  }

  @AfterContainer
  static void cleanUp() throws Exception {
    if (chain != null) {
      chain.close();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** For each byte, the top-level field whose key or value it belongs to ("" for the outer braces). */
  static String[] sections(byte[] json) throws Exception {
    String[] out = new String[json.length];
    Arrays.fill(out, "");
    try (JsonParser p = LocalChain.JSON.createParser(json)) {
      p.nextToken();
      String current = null;
      int start = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        if (t == JsonToken.FIELD_NAME) {
          int at = (int) p.currentTokenLocation().getByteOffset();
          if (current != null) {
            Arrays.fill(out, start, at, current);
          }
          current = p.currentName();
          start = at;
          p.nextToken();
          p.skipChildren();
        }
      }
      Arrays.fill(out, start, (int) p.currentTokenLocation().getByteOffset(), current);
    }
    return out;
  }

  void assertRejectedNamingThePart(int index, int mask) {
    byte[] t = receipt.clone();
    t[index] ^= (byte) mask;
    ReceiptVerifier.Verdict v = verifier.verify(t, null);
    assertFalse(v.valid(), "flip of byte " + index + " by " + mask + " accepted");
    ReceiptVerifier.Check f = v.failure().orElseThrow();
    String section = sectionOf[index];
    String said = f.name() + ": " + f.detail();
    boolean syntax = f.name().equals("format") && f.detail().contains("not valid JSON");
    boolean topLevelScalar = section.equals("type") || section.equals("version") || section.isEmpty();
    assertTrue(syntax || said.contains(section) || (topLevelScalar && f.name().equals("format")),
        "byte " + index + " (in " + section + ") flipped by " + mask + " was refused as '" + said + "'");
  }

  @Example
  void everyByteFlippedInItsLowestBitIsRejected() {
    assertTrue(new ReceiptVerifier(Trust.of(chain.genesis)).verify(receipt, null).valid());
    for (int i = 0; i < receipt.length; i++) {
      assertRejectedNamingThePart(i, 1);
    }
  }

  @Property(tries = 1500)
  void anyByteFlippedByAnyPatternIsRejected(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    assertRejectedNamingThePart(position % receipt.length, mask);
  }
}
