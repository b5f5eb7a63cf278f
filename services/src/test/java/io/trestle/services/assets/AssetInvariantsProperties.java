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
import io.trestle.evm.TxResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of mints, batches (short ones and ones that mint whole pages), transfers, burns, freezes and re-issue authorisations on two platforms'
 * collections, after which: the supply is conserved (totalSupply = Σ balances = live tokens), every live token has
 * exactly one owner, and a fingerprint is held by at most one live original (all others are re-issues).
 */
class AssetInvariantsProperties {
  static final List<Address> PEOPLE = List.of(ALICE, BOB, CAROL);

  /** One step: {@code kind} picks the operation, the numbers pick collection, people, tokens and contents. */
  record Step(int kind, int collection, int a, int b, int token, int content, int batch) {}

  @Provide
  Arbitrary<Step> steps() {
    return Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
        Arbitraries.oneOf(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(13, 60)), Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(1, 4)).as(Step::new);
  }

  @Property(tries = 80)
  void supplyOwnershipAndFingerprintInvariantsHold(@ForAll @Size(min = 5, max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
    AssetTestChain chain = new AssetTestChain();
    chain.approvedPlatform(PLATFORM_A, "a");
    chain.approvedPlatform(PLATFORM_B, "b");
    List<Address> collections = List.of(chain.collection(PLATFORM_A, "A"), chain.collection(PLATFORM_B, "B"));
    List<Address> platforms = List.of(PLATFORM_A, PLATFORM_B);
    Map<String, Bytes> fingerprintOf = new HashMap<>();
    int bulk = 0;
    for (Step s : steps) {
      Address c = collections.get(s.collection());
      Address platform = platforms.get(s.collection());
      Address a = PEOPLE.get(s.a());
      Address b = PEOPLE.get(s.b());
      BigInteger token = BigInteger.valueOf(s.token());
      switch (s.kind()) {
        case 0, 8 -> record(chain, fingerprintOf, c, platform, List.of(content(s.content())), a);
        case 1, 9 -> {
          List<String> contents = new ArrayList<>();
          for (int i = 0; i < s.batch(); i++) {
            contents.add(content((s.content() + i * 2) % 7));
          }
          record(chain, fingerprintOf, c, platform, contents, a);
        }
        case 10 -> {
          // a batch long enough to mint whole pages (ADR 0300), with one of the shared contents in the middle:
          // it reverts as a duplicate unless a re-issue of that content into this collection is authorised
          List<String> contents = new ArrayList<>();
          for (int i = 0; i < 12 + 4 * s.batch(); i++) {
            contents.add(i == 9 ? content(s.content()) : "bulk-" + bulk + "-" + i);
          }
          bulk++;
          record(chain, fingerprintOf, c, platform, contents, a);
        }
        case 2, 3 -> chain.send(a, c, AssetTestChain.encode(AssetAbi.TRANSFER_FROM, a, b, token));
        case 4 -> chain.send(a, c, AssetTestChain.encode(AssetAbi.BURN, token));
        case 5 -> chain.send(REGULATOR, AssetAddresses.SUPERVISION,
            AssetTestChain.encode(s.a() == 0 ? AssetAbi.FREEZE_TOKEN : AssetAbi.UNFREEZE_TOKEN, c, token, "r"));
        case 6 -> chain.send(REGULATOR, AssetAddresses.SUPERVISION,
            AssetTestChain.encode(s.b() == 0 ? AssetAbi.FREEZE_ACCOUNT : AssetAbi.UNFREEZE_ACCOUNT, a, "r"));
        default -> chain.send(ALICE, AssetAddresses.FINGERPRINTS, AssetTestChain.encode(AssetAbi.AUTHORIZE_REISSUE,
            fp(content(s.content())), collections.get(1 - s.collection())));
      }
    }
    Map<Bytes, Integer> liveOriginals = new HashMap<>();
    for (Address c : collections) {
      long next = ((BigInteger) chain.view(c, AssetAbi.NEXT_TOKEN_ID).get(0)).longValueExact();
      Map<Address, Integer> owned = new HashMap<>();
      int live = 0;
      for (long id = 1; id < next; id++) {
        TxResult r = chain.probe(c, AssetAbi.OWNER_OF, BigInteger.valueOf(id));
        if (!r.isSuccess()) {
          continue;
        }
        live++;
        Address owner = Address.wrap(r.output().slice(12, 32).toArray());
        owned.merge(owner, 1, Integer::sum);
        if (!(Boolean) chain.view(c, AssetAbi.IS_REISSUE, BigInteger.valueOf(id)).get(0)) {
          liveOriginals.merge(fingerprintOf.get(c + "/" + id), 1, Integer::sum);
        }
      }
      BigInteger supply = (BigInteger) chain.view(c, AssetAbi.TOTAL_SUPPLY).get(0);
      assertEquals(live, supply.intValueExact(), "totalSupply is the number of live tokens");
      int sumOfBalances = 0;
      for (Address p : PEOPLE) {
        int balance = chain.balanceOf(c, p).intValueExact();
        assertEquals(owned.getOrDefault(p, 0), balance, "balance of " + p + " counts exactly its tokens");
        sumOfBalances += balance;
      }
      assertEquals(live, sumOfBalances, "every live token has one owner among the people");
    }
    for (Map.Entry<Bytes, Integer> e : liveOriginals.entrySet()) {
      assertTrue(e.getValue() <= 1, "fingerprint " + e.getKey() + " has " + e.getValue() + " live originals");
      List<Object> found = chain.view(AssetAddresses.FINGERPRINTS, AssetAbi.LOOKUP, e.getKey());
      assertEquals(true, found.get(2), "the registry names the live original of " + e.getKey());
    }
  }

  static String content(int i) {
    return "content-" + i;
  }

  /** Mints one token or a batch; on success remembers each new token's fingerprint. */
  private static void record(AssetTestChain chain, Map<String, Bytes> fingerprintOf, Address c, Address platform,
      List<String> contents, Address to) {
    long first = ((BigInteger) chain.view(c, AssetAbi.NEXT_TOKEN_ID).get(0)).longValueExact();
    List<Bytes> fps = contents.stream().map(AssetTestChain::fp).toList();
    TxResult r = contents.size() == 1
        ? chain.send(platform, c, AssetTestChain.encode(AssetAbi.MINT, to, fps.get(0), ZERO32, "", ALICE, "", ZERO32))
        : chain.send(platform, c, AssetTestChain.encode(AssetAbi.MINT_BATCH, to, fps, List.of(), ALICE, "", ZERO32));
    if (r.isSuccess()) {
      for (int i = 0; i < fps.size(); i++) {
        fingerprintOf.put(c + "/" + (first + i), fps.get(i));
      }
    }
  }
}
