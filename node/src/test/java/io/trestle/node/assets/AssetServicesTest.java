package io.trestle.node.assets;

import static io.trestle.node.assets.DevChain.ALICE;
import static io.trestle.node.assets.DevChain.BOB;
import static io.trestle.node.assets.DevChain.BOSS;
import static io.trestle.node.assets.DevChain.OTHER_PLATFORM;
import static io.trestle.node.assets.DevChain.PLATFORM;
import static io.trestle.node.assets.DevChain.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.Keccak256;
import io.trestle.services.assets.AssetAbi;
import io.trestle.services.assets.AssetAddresses;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asset contracts on a running dev node, queried over REST and JSON-RPC through the event index. */
class AssetServicesTest {
  static final Bytes ZERO32 = Bytes.wrap(new byte[32]);
  @TempDir
  static Path dir;
  static DevChain chain;
  static Address collection;

  static Bytes fp(String s) {
    return Bytes.wrap(Keccak256.hash(s.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeAll
  static void scenario() throws Exception {
    chain = new DevChain(dir);
    chain.ok(PLATFORM, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "Museum", "https://museum.example");
    chain.ok(BOSS, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address(PLATFORM));
    chain.ok(PLATFORM, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_COLLECTION, "Museum Works", "MW", "ipfs://mw/",
        address(PLATFORM), BigInteger.valueOf(500));
    collection = AssetAddresses.INSTANCES_FIRST;
    List<Bytes> fps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fps.add(fp("work " + i));
    }
    chain.ok(PLATFORM, collection, AssetAbi.MINT_BATCH, address(ALICE), fps, List.of(), address(BOB),
        "https://license.example/1", fp("terms"));
    chain.ok(ALICE, collection, AssetAbi.TRANSFER_FROM, address(ALICE), address(BOB), BigInteger.TWO);
    chain.ok(BOB, collection, AssetAbi.TRANSFER_RIGHTS, BigInteger.ONE, address(ALICE));
    chain.ok(BOSS, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, collection, BigInteger.valueOf(3), "court order");
    chain.awaitIndex();
  }

  @AfterAll
  static void stop() {
    chain.close();
  }

  @Test
  void aCollectionHasCodeAtItsAddressForWallets() throws Exception {
    assertEquals("0xfe", chain.result("eth_getCode", collection.toHex(), "latest").asText());
    assertEquals("0xfe", chain.result("eth_getCode", AssetAddresses.PLATFORMS.toHex(), "latest").asText());
    assertEquals(List.of("Museum Works"), chain.call(collection, AssetAbi.NAME));
  }

  @Test
  void tokenByRestAndRpcCarriesOwnerRightsAndFingerprint() throws Exception {
    DevChain.Answer a = chain.get("/assets/tokens/" + collection.toHex() + "/1");
    assertEquals(200, a.status(), a.body().toString());
    JsonNode t = a.body();
    assertEquals(address(ALICE).toChecksumHex(), t.get("owner").asText());
    assertEquals("did:trestle:1337:" + address(ALICE).toHex(), t.get("ownerDid").asText());
    assertEquals(address(BOB).toChecksumHex(), t.at("/rights/creator").asText());
    assertEquals(address(ALICE).toChecksumHex(), t.at("/rights/rightHolder").asText());
    assertEquals("https://license.example/1", t.at("/rights/licenseUri").asText());
    assertEquals(fp("work 0").toHex(), t.get("fingerprint").asText());
    assertEquals("ipfs://mw/1", t.get("uri").asText());
    assertEquals(t, chain.result("trestle_getAssetToken", collection.toHex(), "1"));
    assertTrue(chain.get("/assets/tokens/" + collection.toHex() + "/3").body().get("frozen").asBoolean());
  }

  @Test
  void listsByOwnerPageWithACursor() throws Exception {
    JsonNode first = chain.get("/assets/owners/" + address(ALICE).toHex() + "?limit=2").body();
    assertEquals(2, first.get("items").size());
    assertFalse(first.get("next").isNull());
    JsonNode second = chain.get("/assets/owners/" + address(ALICE).toHex() + "?limit=2&cursor="
        + first.get("next").asText()).body();
    assertEquals(2, second.get("items").size());
    assertTrue(second.get("next").isNull());
    List<String> ids = new ArrayList<>();
    first.get("items").forEach(i -> ids.add(i.get("id").asText()));
    second.get("items").forEach(i -> ids.add(i.get("id").asText()));
    assertEquals(List.of("1", "3", "4", "5"), ids, "token 2 moved to Bob");
    JsonNode bob = chain.result("trestle_getAssetsByOwner", "did:trestle:1337:" + address(BOB).toHex(),
        DevChain.JSON.createObjectNode().put("limit", 10));
    assertEquals(1, bob.get("items").size());
    assertEquals("2", bob.at("/items/0/id").asText());
  }

  @Test
  void listsByCreatorFingerprintAndCollection() throws Exception {
    JsonNode created = chain.get("/assets/creators/did:trestle:1337:" + address(BOB).toHex()).body();
    assertEquals(5, created.get("items").size());
    JsonNode byFp = chain.get("/assets/fingerprints/" + fp("work 4").toHex()).body();
    assertEquals(collection.toChecksumHex(), byFp.at("/registered/asset").asText());
    assertEquals("5", byFp.at("/registered/id").asText());
    assertTrue(byFp.at("/registered/live").asBoolean());
    assertEquals(1, byFp.get("items").size());
    JsonNode tokens = chain.get("/assets/collections/" + collection.toHex() + "/tokens?limit=3").body();
    assertEquals(3, tokens.get("items").size());
    assertEquals("3", tokens.get("next").asText());
    JsonNode info = chain.get("/assets/collections/" + collection.toHex()).body();
    assertEquals("ERC721", info.get("kind").asText());
    assertEquals("5", info.get("totalSupply").asText());
    JsonNode byIssuer = chain.result("trestle_getAssets",
        DevChain.JSON.createObjectNode().put("issuer", address(PLATFORM).toHex()));
    assertEquals(1, byIssuer.get("items").size());
  }

  @Test
  void historiesKeepOwnershipAndRightsApart() throws Exception {
    JsonNode h = chain.get("/assets/tokens/" + collection.toHex() + "/2/history").body();
    assertEquals(2, h.get("items").size());
    assertEquals("mint", h.at("/items/0/kind").asText());
    assertEquals("transfer", h.at("/items/1/kind").asText());
    assertEquals(address(BOB).toChecksumHex(), h.at("/items/1/to").asText());
    JsonNode r = chain.get("/assets/tokens/" + collection.toHex() + "/1/rights-history").body();
    assertEquals(1, r.get("items").size());
    assertEquals(address(BOB).toChecksumHex(), r.at("/items/0/from").asText());
    assertEquals(address(ALICE).toChecksumHex(), r.at("/items/0/to").asText());
    assertEquals(0, chain.get("/assets/tokens/" + collection.toHex() + "/1/history").body().get("items").size() - 1,
        "token 1 only minted");
  }

  @Test
  void platformsAndSupervisionAreListed() throws Exception {
    JsonNode p = chain.get("/assets/platforms/" + address(PLATFORM).toHex()).body();
    assertEquals("approved", p.get("status").asText());
    assertEquals("Museum", p.get("name").asText());
    JsonNode s = chain.result("trestle_getSupervisionActions");
    assertEquals(1, s.get("items").size());
    assertEquals("freeze", s.at("/items/0/action").asText());
    assertEquals("court order", s.at("/items/0/reason").asText());
    assertEquals("3", s.at("/items/0/id").asText());
  }

  @Test
  void badInputIsRefusedAndUnknownThingsAreNotFound() throws Exception {
    assertEquals(400, chain.get("/assets/tokens/0x1234/1").status());
    assertEquals(400, chain.get("/assets/tokens/" + collection.toHex() + "/abc").status());
    assertEquals(400, chain.get("/assets/owners/" + address(ALICE).toHex() + "?limit=1001").status());
    assertEquals(400, chain.get("/assets/owners/" + address(ALICE).toHex() + "?cursor=zz").status());
    assertEquals(400, chain.get("/assets/creators/did:trestle:1:" + address(BOB).toHex()).status());
    assertEquals(404, chain.get("/assets/tokens/" + collection.toHex() + "/99").status());
    assertEquals(404, chain.get("/assets/nothing").status());
    assertTrue(chain.result("trestle_getAssetToken", collection.toHex(), "99").isNull());
    JsonNode err = chain.rpc("trestle_getAssetsByOwner", "not an address");
    assertEquals(-32602, err.at("/error/code").asInt());
    assertNotNull(err.at("/error/message").asText());
  }

  @Test
  void aDuplicateFromAnotherPlatformRevertsWithAReasonAndChangesNothing() throws Exception {
    chain.ok(OTHER_PLATFORM, AssetAddresses.PLATFORMS, AssetAbi.REGISTER_PLATFORM, "Gallery", "");
    chain.ok(BOSS, AssetAddresses.PLATFORMS, AssetAbi.APPROVE_PLATFORM, address(OTHER_PLATFORM));
    chain.ok(OTHER_PLATFORM, AssetAddresses.COLLECTIONS, AssetAbi.CREATE_EDITIONS, "Gallery", "GAL", "", Address.ZERO,
        BigInteger.ZERO);
    Address gallery = AssetAddresses.instance(1);
    String reason = chain.revertReason(address(OTHER_PLATFORM), gallery, DevChain.encode(AssetAbi.MINT_EDITION,
        address(BOB), BigInteger.TEN, fp("work 0"), ZERO32, "", address(BOB), "", ZERO32));
    assertEquals("fingerprint " + fp("work 0").toHex() + " is already registered: asset " + collection.toChecksumHex()
        + " token 1", reason);
  }
}
