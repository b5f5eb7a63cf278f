package io.trestle.node.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.consensus.cert.CertificateCheck;
import io.trestle.consensus.cert.CertificateVerifier;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.cert.DecodeException;
import io.trestle.consensus.cert.ValidatorSet;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Header;
import io.trestle.core.rlp.RlpException;
import io.trestle.crypto.CryptoSuite;
import io.trestle.state.trie.TrieProofException;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@code trestle_getProof} answer offline against a validator set the verifier trusts (from its genesis):
 * the certificate commits header N+1, whose lastStateRoot is the root the account proof leads to. Never trusts the
 * serving node for anything.
 */
public final class StateProofVerifier {
  private StateProofVerifier() {}

  /** The verified account state, or the first check that failed. */
  public record Outcome(boolean ok, String failure, Optional<Account> account) {
    static Outcome fail(String why) {
      return new Outcome(false, why, Optional.empty());
    }
  }

  public static Outcome verify(JsonNode proof, ValidatorSet validators, CryptoSuite suite, long chainId) {
    try {
      if (proof.path("chainId").asLong(-1) != chainId) {
        return Outcome.fail("proof is for chain " + proof.path("chainId").asText() + ", expected " + chainId);
      }
      Header header = Header.decode(Bytes.fromHex(proof.path("certifiedHeader").path("encoded").asText()).toArray());
      long n = Long.decode(proof.path("blockNumber").asText());
      if (header.number() != n + 1) {
        return Outcome.fail("certified header is block " + header.number() + ", expected " + (n + 1));
      }
      CommitCertificate cert = CommitCertificate.decode(Bytes.fromHex(proof.path("certificate").path("encoded").asText()).toArray());
      CertificateCheck check = CertificateVerifier.verify(header.hash(suite), header.number(), cert, validators, suite, chainId);
      if (!check.isOk()) {
        return Outcome.fail("certificate: " + check.outcome() + " " + check.detail());
      }
      JsonNode account = proof.path("account");
      Address address = Address.fromHex(account.path("address").asText());
      List<Bytes> nodes = new ArrayList<>();
      for (JsonNode node : account.path("accountProof")) {
        nodes.add(Bytes.fromHex(node.asText()));
      }
      Optional<Account> proven = WorldState.verifyAccountProof(header.lastStateRoot(), address, nodes);
      BigInteger claimedBalance = new BigInteger(account.path("balance").asText().substring(2), 16);
      long claimedNonce = Long.decode(account.path("nonce").asText());
      Account actual = proven.orElse(Account.EMPTY);
      if (!actual.balance().equals(claimedBalance) || actual.nonce() != claimedNonce) {
        return Outcome.fail("account fields differ from what the proof proves");
      }
      Hash storageRoot = actual.storageRoot();
      for (JsonNode slot : account.path("storageProof")) {
        List<Bytes> storageNodes = new ArrayList<>();
        for (JsonNode node : slot.path("proof")) {
          storageNodes.add(Bytes.fromHex(node.asText()));
        }
        Bytes key = word(slot.path("key").asText());
        Bytes value = WorldState.verifyStorageProof(storageRoot, key, storageNodes);
        if (!new BigInteger(1, value.toArray()).equals(new BigInteger(slot.path("value").asText().substring(2), 16))) {
          return Outcome.fail("storage slot " + slot.path("key").asText() + " differs from what the proof proves");
        }
      }
      return new Outcome(true, null, proven);
    } catch (RlpException | DecodeException | TrieProofException | RuntimeException e) {
      return Outcome.fail("malformed or inconsistent proof: " + e.getMessage());
    }
  }

  private static Bytes word(String hex) {
    Bytes b = Bytes.fromHex(hex);
    byte[] out = new byte[32];
    System.arraycopy(b.unsafeArray(), 0, out, 32 - b.size(), b.size());
    return Bytes.wrap(out);
  }
}
