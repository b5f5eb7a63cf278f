package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.consensus.cert.CertificateVerifier;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.CryptoSuite;
import io.trestle.crypto.KeyPair;
import io.trestle.execution.genesis.Genesis;
import io.trestle.node.consensus.ChainApplication;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators in one JVM over real sockets, for each crypto suite: the encrypted handshake, SM2 or secp256k1
 * consensus signatures and transactions, gossip from the node that got the transaction to the leader, and one
 * chain with valid certificates on every node.
 */
class LocalNetworkTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ethereum", "sm"})
  void fourValidatorsAgreeAndCarryTransfers(String suiteName) throws Exception {
    CryptoSuite suite = CryptoSuite.named(suiteName);
    SecureRandom random = new SecureRandom();
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(suite.generateKeyPair(random));
    }
    KeyPair account = suite.generateKeyPair(random);
    List<Genesis.Validator> validators = new ArrayList<>();
    for (KeyPair k : keys) {
      validators.add(new Genesis.Validator(Address.wrap(suite.address(k.publicKey())), Bytes.wrap(k.publicKey())));
    }
    Map<Address, Genesis.AllocAccount> alloc = new LinkedHashMap<>();
    alloc.put(Address.wrap(suite.address(account.publicKey())), new Genesis.AllocAccount(DevGenesis.BALANCE, 0, Bytes.EMPTY, Map.of()));
    Genesis genesis = new Genesis(77, suiteName, 1_700_000_000_000L, DevGenesis.GAS_LIMIT,
        new Genesis.FeeRules("fixed", BigInteger.ZERO, BigInteger.ZERO, false), 200, validators, alloc, Bytes.EMPTY, Map.of());
    int[] ports = new int[4];
    for (int i = 0; i < 4; i++) {
      ports[i] = NodeProcess.freePort();
    }
    List<Node> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
          if (j != i) {
            peers.add(validators.get(j).address().toHex() + "@127.0.0.1:" + ports[j]);
          }
        }
        Node node = new Node(new Node.Settings(dir.resolve("n" + i), genesis, keys.get(i), "127.0.0.1", 0,
            io.trestle.rpc.eth.RpcLimits.defaults(), new Node.NetworkSettings("127.0.0.1", ports[i], peers)));
        node.start();
        nodes.add(node);
      }
      awaitHeight(nodes, 2);
      Transaction tx = Transaction.builder().type(TransactionType.LEGACY).chainId(77).nonce(0).gasLimit(21_000)
          .gasPrice(BigInteger.ZERO).to(Address.ofLong(0xcafe)).value(BigInteger.valueOf(99)).data(Bytes.EMPTY)
          .sign(account, suite);
      TestNodes.Rpc viaLast = new TestNodes.Rpc(nodes.get(3));
      String hash = viaLast.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
      JsonNode receipt = viaLast.awaitReceipt(hash);
      long included = Long.decode(receipt.get("blockNumber").asText());
      awaitHeight(nodes, included);
      var set = ChainApplication.validatorSet(genesis);
      for (Node n : nodes) {
        assertEquals(BigInteger.valueOf(99), n.chain().stateAt(n.chain().head().number()).account(Address.ofLong(0xcafe)).balance());
        for (long h = 1; h <= included; h++) {
          assertEquals(nodes.get(0).chain().blockHash(h), n.chain().blockHash(h), "block " + h);
          CommitCertificate cert = CommitCertificate.decode(n.chain().store().certificate(h));
          assertTrue(CertificateVerifier.verify(n.chain().blockHash(h), h, cert, set, suite, 77).isOk(), "certificate " + h);
        }
      }
    } finally {
      for (Node n : nodes) {
        n.close();
      }
    }
  }

  private static void awaitHeight(List<Node> nodes, long height) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    for (Node n : nodes) {
      while (n.chain().head().number() < height) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("a node stayed at " + n.chain().head().number() + ", wanted " + height);
        }
        Thread.sleep(50);
      }
    }
  }
}
