package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.node.consensus.ChainApplication;
import io.trestle.node.proof.StateProofVerifier;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trestle_getProof answers verify offline against the genesis validator set, and any tampering is caught. */
class StateProofTest {
  @TempDir
  Path dir;

  @Test
  void accountProofsVerifyAgainstTheCertifiedNextHeader() throws Exception {
    Node node = TestNodes.start(dir, 100);
    try {
      TestNodes.Rpc rpc = new TestNodes.Rpc(node);
      Address bob = Address.ofLong(0xb0b0);
      Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(1337).nonce(0).gasLimit(21_000)
          .maxFeePerGas(BigInteger.valueOf(10_000_000_000L)).maxPriorityFeePerGas(BigInteger.ONE).to(bob)
          .value(BigInteger.valueOf(4242)).data(Bytes.EMPTY).sign(TestNodes.FUNDED, EthereumSuite.INSTANCE);
      JsonNode receipt = rpc.awaitReceipt(rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText());
      long included = Long.decode(receipt.get("blockNumber").asText());
      while (node.chain().head().number() < included + 1) {
        Thread.sleep(50);
      }
      JsonNode proof = rpc.call("trestle_getProof", bob.toHex(), List.of(), receipt.get("blockNumber").asText());
      var validators = ChainApplication.validatorSet(node.chain().genesis());
      StateProofVerifier.Outcome ok = StateProofVerifier.verify(proof, validators, EthereumSuite.INSTANCE, 1337);
      assertTrue(ok.ok(), ok.failure());
      assertEquals(BigInteger.valueOf(4242), ok.account().orElseThrow().balance());

      ObjectNode lying = proof.deepCopy();
      ((ObjectNode) lying.get("account")).put("balance", "0x1");
      assertFalse(StateProofVerifier.verify(lying, validators, EthereumSuite.INSTANCE, 1337).ok());

      ObjectNode otherChain = proof.deepCopy();
      otherChain.put("chainId", 1);
      assertFalse(StateProofVerifier.verify(otherChain, validators, EthereumSuite.INSTANCE, 1337).ok());

      String cert = proof.get("certificate").get("encoded").asText();
      for (int i = 4; i < cert.length(); i += 37) {
        ObjectNode tampered = proof.deepCopy();
        char c = cert.charAt(i);
        String flipped = cert.substring(0, i) + (c == '0' ? '1' : '0') + cert.substring(i + 1);
        ((ObjectNode) tampered.get("certificate")).put("encoded", flipped);
        assertFalse(StateProofVerifier.verify(tampered, validators, EthereumSuite.INSTANCE, 1337).ok(), "flip at " + i);
      }
      String header = proof.get("certifiedHeader").get("encoded").asText();
      for (int i = 4; i < header.length(); i += 11) {
        ObjectNode tampered = proof.deepCopy();
        char c = header.charAt(i);
        String flipped = header.substring(0, i) + (c == 'f' ? 'e' : 'f') + header.substring(i + 1);
        ((ObjectNode) tampered.get("certifiedHeader")).put("encoded", flipped);
        assertFalse(StateProofVerifier.verify(tampered, validators, EthereumSuite.INSTANCE, 1337).ok(), "header flip at " + i);
      }
      JsonNode headProof = rpc.response("trestle_getProof", bob.toHex(), List.of(), "0x" + Long.toHexString(node.chain().head().number() + 5));
      assertTrue(headProof.has("error"));
    } finally {
      node.close();
    }
  }
}
