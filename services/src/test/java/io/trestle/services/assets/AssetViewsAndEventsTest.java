package io.trestle.services.assets;

import static io.trestle.services.assets.AssetTestChain.ALICE;
import static io.trestle.services.assets.AssetTestChain.BOB;
import static io.trestle.services.assets.AssetTestChain.CAROL;
import static io.trestle.services.assets.AssetTestChain.LICENSE_HASH;
import static io.trestle.services.assets.AssetTestChain.LICENSE_URI;
import static io.trestle.services.assets.AssetTestChain.PLATFORM_A;
import static io.trestle.services.assets.AssetTestChain.REGULATOR;
import static io.trestle.services.assets.AssetTestChain.ZERO32;
import static io.trestle.services.assets.AssetTestChain.fp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.EvmLog;
import io.trestle.evm.TxResult;
import io.trestle.evm.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetViewsAndEventsTest {
  final AssetTestChain chain = new AssetTestChain();
  final AssetViews views = new AssetViews(chain.world::storage, AssetTestChain.CHAIN_ID);

  List<AssetEvents.Event> events(TxResult r) {
    List<AssetEvents.Event> out = new ArrayList<>();
    for (EvmLog l : r.logs()) {
      out.addAll(AssetEvents.decode(l.address(), l.topics(), l.data()));
    }
    return out;
  }

  @Test
  void viewsReadWhatTheContractsWrote() {
    chain.approvedPlatform(PLATFORM_A, "museum");
    Address c = chain.collection(PLATFORM_A, "Museum Works");
    chain.ok(PLATFORM_A, c, AssetAbi.MINT, BOB, fp("w"), fp("p"), "ipfs://own", ALICE, LICENSE_URI, LICENSE_HASH);
    chain.ok(ALICE, c, AssetAbi.TRANSFER_RIGHTS, BigInteger.ONE, CAROL);
    chain.ok(REGULATOR, AssetAddresses.SUPERVISION, AssetAbi.FREEZE_TOKEN, c, BigInteger.ONE, "hold");

    AssetViews.AssetInfo info = views.asset(c).orElseThrow();
    assertEquals(AssetViews.Kind.ERC721, info.kind());
    assertEquals("Museum Works", info.name());
    assertEquals(PLATFORM_A, info.issuer());
    assertEquals(UInt256.ONE, info.supply());
    AssetViews.TokenInfo t = views.token(c, 1).orElseThrow();
    assertEquals(BOB, t.owner());
    assertEquals("ipfs://own", t.uri());
    assertEquals(ALICE, t.creator());
    assertEquals(CAROL, t.rightHolder());
    assertEquals(LICENSE_URI, t.licenseUri());
    assertEquals(LICENSE_HASH, t.licenseHash());
    assertTrue(t.frozen());
    assertEquals(BOB, views.ownerOf(c, 1).orElseThrow());
    assertTrue(views.token(c, 2).isEmpty());
    assertEquals(new AssetViews.FingerprintEntry(c, 1, true), views.fingerprint(fp("w")).orElseThrow());
    assertEquals(new AssetViews.FingerprintEntry(c, 1, true), views.perceptualHash(fp("p")).orElseThrow());
    assertTrue(views.fingerprint(fp("unknown")).isEmpty());
    AssetViews.PlatformInfo p = views.platform(PLATFORM_A).orElseThrow();
    assertEquals("approved", p.status());
    assertEquals("did:trestle:1337:" + PLATFORM_A.toHex(), p.did());
    assertEquals(1, views.assetCount());
    assertFalse(views.accountFrozen(BOB));
  }

  @Test
  void decodesEveryEventTheScenarioEmits() {
    List<AssetEvents.Event> all = new ArrayList<>();
    all.addAll(events(chain.send(PLATFORM_A, AssetAddresses.PLATFORMS,
        AssetTestChain.encode(AssetAbi.REGISTER_PLATFORM, "museum", ""))));
    all.addAll(events(chain.send(AssetTestChain.COMMITTEE, AssetAddresses.PLATFORMS,
        AssetTestChain.encode(AssetAbi.APPROVE_PLATFORM, PLATFORM_A))));
    Address c = chain.collection(PLATFORM_A, "M");
    all.addAll(events(chain.send(PLATFORM_A, c, AssetTestChain.encode(AssetAbi.MINT_BATCH, BOB,
        List.of(fp("a"), fp("b")), List.of(), ALICE, LICENSE_URI, LICENSE_HASH))));
    all.addAll(events(chain.send(BOB, c, AssetTestChain.encode(AssetAbi.TRANSFER_FROM, BOB, CAROL, BigInteger.TWO))));
    all.addAll(events(chain.send(REGULATOR, AssetAddresses.SUPERVISION,
        AssetTestChain.encode(AssetAbi.FREEZE_ACCOUNT, CAROL, "why"))));
    assertEquals(new AssetEvents.PlatformChanged(PLATFORM_A, "registered", PLATFORM_A, "museum"), all.get(0));
    assertEquals(new AssetEvents.PlatformChanged(PLATFORM_A, "approved", AssetTestChain.COMMITTEE, ""), all.get(1));
    assertEquals(new AssetEvents.RightsDefined(c, 1, ALICE, ALICE, LICENSE_URI, LICENSE_HASH), all.get(2));
    assertEquals(new AssetEvents.NftTransfer(c, Address.ZERO, BOB, 1, BigInteger.ONE), all.get(3));
    assertEquals(new AssetEvents.NftTransfer(c, Address.ZERO, BOB, 2, BigInteger.ONE), all.get(4));
    assertEquals(new AssetEvents.WorksRegistered(c, 1, 1, List.of(fp("a"), fp("b")), List.of()), all.get(5));
    assertEquals(new AssetEvents.NftTransfer(c, BOB, CAROL, 2, BigInteger.ONE), all.get(6));
    assertEquals(new AssetEvents.Supervised("freeze", "account", CAROL, 0, REGULATOR, "why"), all.get(7));
    assertEquals(8, all.size());
  }

  @Test
  void ignoresLogsOfOtherContractsAndGarbage() {
    Hash transfer = AssetAbi.TRANSFER_721.topic0();
    assertTrue(AssetEvents.decode(Address.ofLong(0xc0de), List.of(transfer, Hash.ZERO, Hash.ZERO, Hash.ZERO),
        Bytes.EMPTY).isEmpty());
    assertTrue(AssetEvents.decode(AssetAddresses.INSTANCES_FIRST, List.of(AssetAbi.WORKS_REGISTERED.topic0(),
        Hash.ZERO, Hash.ZERO), Bytes.fromHex("0x1234")).isEmpty());
    assertTrue(AssetEvents.decode(AssetAddresses.INSTANCES_FIRST, List.of(), ZERO32).isEmpty());
  }
}
