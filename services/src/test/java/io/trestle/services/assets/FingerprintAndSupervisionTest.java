package io.trestle.services.assets;

import static io.trestle.services.assets.AssetTestChain.ALICE;
import static io.trestle.services.assets.AssetTestChain.BOB;
import static io.trestle.services.assets.AssetTestChain.CAROL;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_A;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_B;
import static io.trestle.services.assets.AssetTestChain.REGULATOR;
import static io.trestle.services.assets.AssetTestChain.ZERO32;
import static io.trestle.services.assets.AssetTestChain.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FingerprintAndSupervisionTest {
  final AssetTestChain chain = new AssetTestChain();
  Address museum;
  Address gallery;

  static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  @BeforeEach
  void twoPlatforms() {
    chain.approvedPlatform(PLATFORM_A, "museum");
    chain.approvedPlatform(PLATFORM_B, "gallery");
    museum = chain.collection(PLATFORM_A, "Museum");
    gallery = chain.collection(PLATFORM_B, "Gallery");
  }

  @Test
  void aWorkRegisteredOnOnePlatformIsRefusedOnAnotherNamingTheHolder() {
    chain.mint(PLATFORM_A, museum, BOB, fp("mona lisa"));
    String reason = chain.reverts(PLATFORM_B, gallery, AssetAbi.MINT, CAROL, fp("mona lisa"), ZERO32, "", CAROL, "",
        ZERO32);
    assertEquals("fingerprint " + fp("mona lisa").toHex() + " is already registered: asset " + museum.toChecksumHex()
        + " token 1", reason);
    assertEquals(List.of(museum, n(1), true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("mona lisa")));
    assertEquals(BigInteger.ONE, chain.view(gallery, AssetAbi.NEXT_TOKEN_ID).get(0), "nothing minted in the gallery");
    assertTrue(chain.reverts(PLATFORM_A, museum, AssetAbi.MINT, BOB, fp("mona lisa"), ZERO32, "", ALICE, "", ZERO32)
        .contains("already registered"), "the same platform cannot register it twice either");
  }

  @Test
  void aDuplicateInsideOneBatchIsRefusedAndTheWholeBatchUndone() {
    String reason = chain.reverts(PLATFORM_A, museum, AssetAbi.MINT_BATCH, BOB,
        List.of(fp("a"), fp("b"), fp("a")), List.of(), ALICE, "", ZERO32);
    assertTrue(reason.contains("token 1"), reason);
    assertEquals(List.of(Address.ZERO, n(0), false), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("b")));
  }

  @Test
  void perceptualHashesAreUniqueToo() {
    Bytes phash = fp("phash-of-image");
    chain.ok(PLATFORM_A, museum, AssetAbi.MINT, BOB, fp("original.png"), phash, "", ALICE, "", ZERO32);
    String reason = chain.reverts(PLATFORM_B, gallery, AssetAbi.MINT, CAROL, fp("recompressed.jpg"), phash, "", CAROL,
        "", ZERO32);
    assertEquals("perceptual hash " + phash.toHex() + " is already registered: asset " + museum.toChecksumHex()
        + " token 1", reason);
    assertEquals(List.of(museum, n(1), true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP_PERCEPTUAL, phash));
  }

  @Test
  void theRightHolderAuthorisesOneLicensedReissue() {
    chain.mint(PLATFORM_A, museum, BOB, fp("starry night"));
    assertTrue(chain.reverts(BOB, AssetAddresses.FINGERPRINTS, AssetAbi.AUTHORIZE_REISSUE, fp("starry night"), gallery)
        .startsWith("FingerprintRegistry: only the right holder"), "the owner is not the right holder");
    chain.ok(ALICE, AssetAddresses.FINGERPRINTS, AssetAbi.AUTHORIZE_REISSUE, fp("starry night"), gallery);
    assertEquals(List.of(true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.REISSUE_AUTHORIZED, fp("starry night"),
        gallery));
    TxResult r = chain.send(PLATFORM_B, gallery, AssetTestChain.encode(AssetAbi.MINT, CAROL, fp("starry night"),
        ZERO32, "", ALICE, "", ZERO32));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    assertTrue(r.logs().stream().anyMatch(l -> l.topics().get(0).equals(AssetAbi.REISSUED.topic0())));
    assertEquals(List.of(true), chain.view(gallery, AssetAbi.IS_REISSUE, n(1)));
    assertEquals(List.of(false), chain.view(museum, AssetAbi.IS_REISSUE, n(1)));
    assertEquals(List.of(museum, n(1), true), chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, fp("starry night")),
        "the registry still names the original");
    assertTrue(chain.reverts(PLATFORM_B, gallery, AssetAbi.MINT, CAROL, fp("starry night"), ZERO32, "", ALICE, "",
        ZERO32).contains("already registered"), "the authorisation is used up");
  }

  @Test
  void anAuthorisationLapsesWhenTheRightsMove() {
    chain.mint(PLATFORM_A, museum, BOB, fp("w"));
    chain.ok(ALICE, AssetAddresses.FINGERPRINTS, AssetAbi.AUTHORIZE_REISSUE, fp("w"), gallery);
    chain.ok(ALICE, museum, AssetAbi.TRANSFER_RIGHTS, n(1), CAROL);
    String reason = chain.reverts(PLATFORM_B, gallery, AssetAbi.MINT, CAROL, fp("w"), ZERO32, "", ALICE, "", ZERO32);
    assertTrue(reason.contains("who no longer holds the rights"), reason);
  }

  @Test
  void theRegulatorFreezesAndUnfreezesATokenWithAReasonOnChain() {
    chain.mint(PLATFORM_A, museum, BOB, fp("w"));
    assertEquals("AssetSupervision: only a regulator freezes and unfreezes",
        chain.reverts(CAROL, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, museum, n(1), "court order 17"));
    TxResult r = chain.send(REGULATOR, AssetAddresses.SUPERVISION,
        AssetTestChain.encode(AssetAbi.FREEZE_TOKEN, museum, n(1), "court order 17"));
    assertTrue(r.isSuccess(), AssetTestChain.reason(r));
    EvmLog log = r.logs().get(0);
    assertEquals(AssetAddresses.SUPERVISION, log.address());
    assertEquals(AssetAbi.TOKEN_FROZEN.topic0(), log.topics().get(0));
    assertEquals(List.of("court order 17"), decodeString(log.data()));
    assertEquals(List.of(true), chain.view(AssetAddresses.SUPERVISION, AssetAbi.IS_TOKEN_FROZEN, museum, n(1)));

    assertEquals("token 1 is frozen by the regulator", chain.reverts(BOB, museum, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1)));
    assertEquals("token 1 is frozen by the regulator", chain.reverts(BOB, museum, AssetAbi.BURN, n(1)));
    assertEquals(BOB, chain.ownerOf(museum, 1));
    assertTrue(chain.reverts(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, museum, n(1), "again")
        .contains("already frozen"));
    assertEquals("reason must not be empty",
        chain.reverts(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.UNFREEZE_TOKEN, museum, n(1), ""));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.UNFREEZE_TOKEN, museum, n(1), "order lifted");
    chain.ok(BOB, museum, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1));
    assertEquals(CAROL, chain.ownerOf(museum, 1));
  }

  @Test
  void aFrozenCollectionMovesAndMintsNothing() {
    chain.mint(PLATFORM_A, museum, BOB, fp("w"));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_ASSET, museum, "investigation");
    String frozen = "collection " + museum.toChecksumHex() + " is frozen by the regulator";
    assertEquals(frozen, chain.reverts(BOB, museum, AssetAbi.SAFE_TRANSFER_FROM, BOB, CAROL, n(1)));
    assertEquals(frozen, chain.reverts(PLATFORM_A, museum, AssetAbi.MINT, BOB, fp("x"), ZERO32, "", ALICE, "", ZERO32));
    assertEquals(List.of(true), chain.view(museum, AssetAbi.FROZEN));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.UNFREEZE_ASSET, museum, "closed");
    chain.ok(BOB, museum, AssetAbi.SAFE_TRANSFER_FROM, BOB, CAROL, n(1));
  }

  @Test
  void aFrozenAccountsAssetsCannotMoveButItMayReceive() {
    chain.mint(PLATFORM_A, museum, BOB, fp("a"));
    chain.mint(PLATFORM_A, museum, CAROL, fp("b"));
    chain.ok(CAROL, museum, AssetAbi.SET_APPROVAL_FOR_ALL, BOB, true);
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_ACCOUNT, BOB, "sanctions list");
    assertEquals(List.of(true), chain.view(AssetAddresses.SUPERVISION, AssetAbi.IS_ACCOUNT_FROZEN, BOB));
    String frozen = "account " + BOB.toChecksumHex() + " is frozen by the regulator";
    assertEquals(frozen, chain.reverts(BOB, museum, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1)));
    assertEquals(frozen, chain.reverts(BOB, museum, AssetAbi.TRANSFER_FROM, CAROL, ALICE, n(2)),
        "a frozen operator moves nobody's tokens");
    chain.ok(CAROL, museum, AssetAbi.TRANSFER_FROM, CAROL, BOB, n(2));
    assertEquals(BOB, chain.ownerOf(museum, 2));
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.UNFREEZE_ACCOUNT, BOB, "delisted");
    chain.ok(BOB, museum, AssetAbi.TRANSFER_FROM, BOB, CAROL, n(1));
  }

  static List<Object> decodeString(Bytes data) {
    try {
      return AbiCodec.decode(List.of(AbiType.STRING), data);
    } catch (io.trestle.evm.abi.AbiException e) {
      throw new AssertionError(e);
    }
  }
}
