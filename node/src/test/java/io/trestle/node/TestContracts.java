package io.trestle.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.tx.Transaction;
import io.trestle.core.tx.TransactionType;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.KeyPair;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * The Solidity test contracts (contracts/test, compiled artifacts beside them) driven over raw JSON-RPC:
 * deploy, send and read, signing with Trestle's own transaction builder.
 */
final class TestContracts {
  static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  private TestContracts() {}

  static Path artifactDir() {
    Path dir = Path.of("..", "contracts", "test", "artifacts");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("contract artifacts missing at " + dir.toAbsolutePath()
          + " (they are checked in; regenerate with: cd tests-js && npm ci && npm run compile)");
    }
    return dir;
  }

  static JsonNode artifact(String name) throws IOException {
    return TestNodes.JSON.readTree(artifactDir().resolve(name + ".json").toFile());
  }

  static String bytecode(String name) throws IOException {
    return artifact(name).get("bytecode").asText();
  }

  /** A sender that counts its own nonces. */
  static final class Sender {
    final KeyPair key;
    final Address address;
    final TestNodes.Rpc rpc;
    long nonce;

    Sender(TestNodes.Rpc rpc, KeyPair key) throws Exception {
      this.rpc = rpc;
      this.key = key;
      this.address = Address.wrap(EthereumSuite.INSTANCE.address(key.publicKey()));
      this.nonce = Long.decode(rpc.call("eth_getTransactionCount", address.toHex(), "pending").asText());
    }

    String send(Address to, Bytes data, long gas) throws Exception {
      Transaction tx = Transaction.builder().type(TransactionType.DYNAMIC_FEE).chainId(DevGenesis.CHAIN_ID)
          .nonce(nonce++).gasLimit(gas).maxFeePerGas(GWEI.multiply(BigInteger.valueOf(100))).maxPriorityFeePerGas(GWEI)
          .to(to).value(BigInteger.ZERO).data(data).sign(key, EthereumSuite.INSTANCE);
      return rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex()).asText();
    }

    /** Deploys and waits; returns the receipt (status checked by the caller). */
    JsonNode deploy(String name, List<Type> constructorArgs) throws Exception {
      String code = bytecode(name) + FunctionEncoder.encodeConstructor(constructorArgs);
      return rpc.awaitReceipt(send(null, Bytes.fromHex(code), 5_000_000));
    }

    Address deployed(String name, List<Type> constructorArgs) throws Exception {
      JsonNode receipt = deploy(name, constructorArgs);
      if (!"0x1".equals(receipt.get("status").asText())) {
        throw new AssertionError("deploying " + name + " failed: " + receipt);
      }
      return Address.fromHex(receipt.get("contractAddress").asText());
    }

    String invoke(Address contract, Function function) throws Exception {
      return send(contract, Bytes.fromHex(FunctionEncoder.encode(function)), 3_000_000);
    }

    JsonNode invokeAndWait(Address contract, Function function) throws Exception {
      return rpc.awaitReceipt(invoke(contract, function));
    }
  }
}
