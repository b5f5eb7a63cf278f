package io.trestle.node.assets;

import static io.trestle.node.assets.DevChain.ALICE;
import static io.trestle.node.assets.DevChain.BOB;
import static io.trestle.node.assets.DevChain.BOSS;
import static io.trestle.node.assets.DevChain.PLATFORM;
import static io.trestle.node.assets.DevChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Keccak256;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.DevGenesis;
import io.trestle.node.identity.ReceiptVerifier;
import io.trestle.node.identity.Trust;
import io.trestle.services.assets.AssetAbi;
import io.trestle.services.assets.AssetAddresses;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A work's rights certificate, fetched from a running node, verifies with the node stopped against the genesis
 * alone, through the evidence receipt verifier; every change to what it states or proves is caught.
 */
class RightsCertificateTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LICENSE = "https://license.example/cc-by";
  static Genesis genesis;
  static Address collection;
  /** Work 2: created by Bob, rights moved Bob → Alice → Platform. Work 3: never moved. */
  static JsonNode moved;
  static JsonNode untouched;

  static Bytes fp(String s) {
    return Bytes.wrap(Keccak256.hash(s.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeAll
  static void certifyOnARunningNodeThenStopIt(@TempDir Path dir) throws Exception {
    try (DevChain chain = new DevChain(dir)) {
      genesis = chain.node.chain().genesis();
      chain.ok(PLATFORM, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "Museum", "");
      chain.ok(BOSS, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address(PLATFORM));
      chain.ok(PLATFORM, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "Museum", "M", "", Address.ZERO,
          BigInteger.ZERO);
      collection = AssetAddresses.INSTANCES_FIRST;
      List<Bytes> fps = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fps.add(fp("certified work " + i));
      }
      chain.ok(PLATFORM, collection, AssetAbi.MINT_BATCH, address(ALICE), fps, List.of(), address(BOB), LICENSE,
          fp("licence terms"));
      chain.ok(BOB, collection, AssetAbi.TRANSFER_RIGHTS, BigInteger.TWO, address(ALICE));
      chain.ok(ALICE, collection, AssetAbi.TRANSFER_RIGHTS, BigInteger.TWO, address(PLATFORM));
      chain.awaitIndex();
      moved = await(chain, 2);
      untouched = await(chain, 3);
    }
  }

  static JsonNode await(DevChain chain, long id) throws Exception {
    for (int i = 0; i < 500; i++) {
      DevChain.Answer a = chain.get("/assets/tokens/" + collection.toHex() + "/" + id + "/certificate");
      if (a.status() == 200) {
        return a.body();
      }
      assertEquals(404, a.status(), a.body().toString());
      Thread.sleep(20);
    }
    throw new AssertionError("no certificate for work " + id);
  }

  static ReceiptVerifier.Verdict verify(JsonNode certificate) throws Exception {
    return new RightsCertificateVerifier(Trust.of(genesis)).verify(JSON.writeValueAsBytes(certificate));
  }

  static String failed(JsonNode certificate) throws Exception {
    ReceiptVerifier.Verdict v = verify(certificate);
    assertFalse(v.valid(), "should fail: " + v);
    return v.failure().orElseThrow().name();
  }

  @Test
  void aWorkWhoseRightsMovedTwiceVerifiesOfflineWithEveryHolderReplayed() throws Exception {
    ReceiptVerifier.Verdict v = verify(moved);
    assertTrue(v.valid(), v.toString());
    assertTrue(v.checks().stream().allMatch(c -> c.outcome() == ReceiptVerifier.Outcome.PASS), v.toString());
    // format, 3 records of 9 checks each (8 proof checks and the subject), rights
    assertEquals(1 + 3 * 9 + 1, v.checks().size());
    assertEquals("records[0].mint", v.checks().get(9).name());
    assertEquals("records[2].rightsTransfer", v.checks().get(27).name());
    JsonNode r = moved.get("rights");
    assertEquals(address(BOB).toHex(), r.get("creator").asText());
    assertEquals("did:trestle:" + DevGenesis.CHAIN_ID + ":" + address(BOB).toHex(), r.get("creatorDid").asText());
    assertEquals(address(PLATFORM).toHex(), r.get("rightHolder").asText());
    assertEquals(LICENSE, r.get("licenseUri").asText());
    assertEquals(fp("licence terms").toHex(), r.get("licenseHash").asText());
    assertEquals("trestle-rights-certificate", moved.get("type").asText());
  }

  @Test
  void anUntransferredWorkIsCertifiedByItsMintAlone() throws Exception {
    assertTrue(verify(untouched).valid());
    assertEquals(1, untouched.get("records").size());
    assertEquals(address(BOB).toHex(), untouched.at("/rights/rightHolder").asText());
    assertEquals(3, untouched.at("/rights/tokenId").asLong());
  }

  @Test
  void statingAnotherHolderCreatorOrLicenceFailsTheRightsCheck() throws Exception {
    for (String[] change : new String[][] {{"rightHolder", address(ALICE).toHex()}, {"creator", address(ALICE).toHex()},
        {"licenseUri", "https://license.example/all-rights-reserved"}, {"creatorDid", "did:trestle:1:0x00"}}) {
      ObjectNode c = moved.deepCopy();
      ((ObjectNode) c.get("rights")).put(change[0], change[1]);
      assertEquals("rights", failed(c), change[0]);
    }
  }

  @Test
  void leavingOutTheLastTransferNamesTheEarlierHolderSoTheStatedOneFails() throws Exception {
    ObjectNode c = moved.deepCopy();
    ((ArrayNode) c.get("records")).remove(2);
    assertEquals("rights", failed(c));
  }

  @Test
  void recordsOutOfOrderOrRepeatedFail() throws Exception {
    ObjectNode swapped = moved.deepCopy();
    ArrayNode recs = (ArrayNode) swapped.get("records");
    JsonNode first = recs.get(1);
    recs.set(1, recs.get(2));
    recs.set(2, first);
    assertEquals("records[1].rightsTransfer", failed(swapped));
    ObjectNode repeated = moved.deepCopy();
    ((ArrayNode) repeated.get("records")).set(2, repeated.get("records").get(1));
    assertEquals("records[2].rightsTransfer", failed(repeated));
  }

  @Test
  void anotherWorksMintDoesNotCertifyThisOne() throws Exception {
    ObjectNode c = untouched.deepCopy();
    ((ObjectNode) c.get("rights")).put("tokenId", 99);
    assertEquals("records[0].mint", failed(c));
  }

  @Test
  void aTamperedLogOrHeaderFailsItsProofCheck() throws Exception {
    ObjectNode log = moved.deepCopy();
    ObjectNode l = (ObjectNode) log.get("records").get(1).get("log");
    l.put("data", l.get("data").asText() + "00");
    assertEquals("records[1].log", failed(log));
    ObjectNode header = moved.deepCopy();
    ObjectNode block = (ObjectNode) header.get("records").get(0).get("block");
    block.put("timestampMs", block.get("timestampMs").asLong() + 1);
    assertEquals("records[0].block", failed(header));
  }

  @Test
  void aLogFromOutsideTheCollectionRangeIsNotTrusted() throws Exception {
    ObjectNode c = moved.deepCopy();
    ((ObjectNode) c.get("rights")).put("asset", Address.ofLong(0xc0ffee).toHex());
    assertEquals("rights", failed(c));
  }

  @Test
  void anotherChainsGenesisRefusesTheCertificate() throws Exception {
    Genesis other = DevGenesis.create(EthereumSuite.INSTANCE, DevChain.VALIDATOR, List.of(ALICE), 20, 1L);
    ReceiptVerifier.Verdict v = new RightsCertificateVerifier(Trust.of(other)).verify(JSON.writeValueAsBytes(moved));
    assertEquals("records[0].chain", v.failure().orElseThrow().name());
  }

  @Test
  void malformedCertificatesFailTheFormatCheckWithoutThrowing() throws Exception {
    ObjectNode unknown = moved.deepCopy();
    unknown.put("comment", "trust me");
    assertEquals("format", failed(unknown));
    ObjectNode wrongType = moved.deepCopy();
    wrongType.put("type", "trestle-evidence-receipt");
    assertEquals("format", failed(wrongType));
    ObjectNode noRecords = moved.deepCopy();
    noRecords.putArray("records");
    assertEquals("format", failed(noRecords));
    for (String junk : new String[] {"", "{", "[]", "null", "{\"type\":1}"}) {
      ReceiptVerifier.Verdict v = new RightsCertificateVerifier(Trust.of(genesis))
          .verify(junk.getBytes(StandardCharsets.UTF_8));
      assertEquals("format", v.failure().orElseThrow().name(), junk);
    }
  }
}
