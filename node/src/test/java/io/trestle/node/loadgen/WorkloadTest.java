package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.evm.BlockEnv;
import io.trestle.evm.InMemoryWorld;
import io.trestle.evm.Message;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import io.trestle.evm.system.SystemContracts;
import io.trestle.node.identity.IdentityServices;
import io.trestle.services.evidence.BatchMerkle;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.evidence.HashAlgorithm;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static final List<Address> SENDERS = List.of(Address.ofLong(0xa001), Address.ofLong(0xa002));
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  @Test
  void selectsEachKnownKindByItsName() throws Exception {
    assertInstanceOf(TransferWorkload.class, Workload.named("transfer"));
    assertEquals("notarize", Workload.named("notarize").name());
    assertEquals("anchor", Workload.named("anchor").name());
  }

  @Test
  void refusesAnUnknownKindListingTheKnownOnes() {
    LoadException e = assertThrows(LoadException.class, () -> Workload.named("mint"));
    assertTrue(e.getMessage().contains("unknown --kind mint"), e.getMessage());
    assertTrue(e.getMessage().contains("transfer, notarize, anchor"), e.getMessage());
  }

  @Test
  void notarizationsCallTheRegistryWithADigestNoOtherTransactionOfTheRunUses() throws Exception {
    Workload w = Workload.named("notarize");
    Set<Bytes> digests = new HashSet<>();
    for (int sender = 0; sender < SENDERS.size(); sender++) {
      for (long nonce = 0; nonce < 50; nonce++) {
        Workload.Call c = w.call(sender, nonce, SENDERS);
        assertEquals(EvidenceRegistry.ADDRESS, c.to());
        assertEquals(BigInteger.ZERO, c.value());
        List<Object> args = EvidenceRegistry.NOTARIZE.decodeCall(c.data());
        assertEquals(BigInteger.valueOf(HashAlgorithm.SHA256.code()), args.get(1));
        assertTrue(digests.add((Bytes) args.get(0)), "digest repeated at sender " + sender + " nonce " + nonce);
      }
    }
    assertEquals(w.call(1, 7, SENDERS), w.call(1, 7, SENDERS));
  }

  @Test
  void anAnchorCommitsToTheRootOfOneThousandFreshDigests() throws Exception {
    Workload w = Workload.named("anchor");
    List<Object> args = EvidenceRegistry.ANCHOR_BATCH.decodeCall(w.call(0, 3, SENDERS).data());
    assertEquals(BigInteger.valueOf(NotarizeWorkload.BATCH_DIGESTS), args.get(2));
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < NotarizeWorkload.BATCH_DIGESTS; i++) {
      leaves.add(HashAlgorithm.SHA256.hash(ByteBuffer.allocate(32).put(SENDERS.get(0).unsafeArray())
          .putLong(3).putInt(i).array()));
    }
    assertEquals(Bytes.wrap(BatchMerkle.root(HashAlgorithm.SHA256, leaves)), args.get(0));
    assertNotEquals(args.get(0), EvidenceRegistry.ANCHOR_BATCH.decodeCall(w.call(0, 4, SENDERS).data()).get(0));
  }

  /**
   * The dearest notarization is the first record of a chain by a sender that has none (counter and submitter head
   * are new words). A gas limit below it fails every transaction of a fresh chain, since no record is ever written.
   */
  @Test
  void gasLimitCoversTheFirstRecordOfAFreshChainAndEveryOneAfter() throws Exception {
    for (String kind : List.of("notarize", "anchor")) {
      Workload w = Workload.named(kind);
      TransactionProcessor processor = new TransactionProcessor(
          IdentityServices.register(SystemContracts.builder()).build());
      InMemoryWorld world = new InMemoryWorld();
      for (Address a : SENDERS) {
        world.setAccount(a, 0, BigInteger.TEN.pow(24));
      }
      BlockEnv env = BlockEnv.of(1, 1_700_000_000L, Address.ofLong(0xc0b1), 100_000_000L, GWEI, Hash.ZERO, 1337);
      for (long nonce = 0; nonce < 3; nonce++) {
        for (int sender = 0; sender < SENDERS.size(); sender++) {
          Workload.Call c = w.call(sender, nonce, SENDERS);
          TxResult r = processor.process(Message.legacy(SENDERS.get(sender), c.to(), nonce, w.gasLimitPerTx(),
              GWEI.multiply(BigInteger.TWO), c.value(), c.data()), env, world);
          assertTrue(r.isSuccess(), kind + " sender " + sender + " nonce " + nonce + ": " + r.status() + " "
              + r.error() + ", gas used " + r.gasUsed() + " of " + w.gasLimitPerTx());
          world.apply(r.stateDiff());
        }
      }
    }
  }
}
