package io.trestle.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * ERC-20 transfers of the Solidity test token (contracts/test/TestToken.sol, the artifact tests-js compiles, packed
 * into the jar): prepare deploys a fresh token from the funder and gives every sender a balance; each load
 * transaction then transfers 1 token unit to the next sender in the ring, so every transfer rewrites two non-zero
 * balances (no storage grows during the run, as in a token that is already in use) and emits a Transfer log. Works
 * against any Ethereum JSON-RPC endpoint: nothing here is Trestle-specific. A node that mines each transaction on
 * arrival (Hardhat's automine) refuses a nonce that overtakes its predecessor; run it with {@code --connections 1}
 * and a {@code --batch} that divides {@code --accounts}, so no batch holds two transactions of one sender.
 */
final class Erc20Workload implements Workload {
  static final String NAME = "erc20";
  static final String ARTIFACT = "/contracts/test/TestToken.json";
  /** A transfer between two holders takes 34,256 gas; the limit leaves room for one to a fresh holder (about 52k). */
  private static final long TRANSFER_GAS = 70_000;
  private static final long DEPLOY_GAS = 3_000_000;
  private static final BigInteger SUPPLY = BigInteger.TEN.pow(36);
  private static final BigInteger PER_SENDER = BigInteger.TEN.pow(24);
  private static final AbiFunction TRANSFER = function("transfer(address,uint256)");

  private volatile Address token;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long gasLimitPerTx() {
    return TRANSFER_GAS;
  }

  @Override
  public BigInteger valuePerTx() {
    return BigInteger.ZERO;
  }

  @Override
  public void prepare(LoadContext context) throws LoadException {
    Bytes creation;
    try {
      creation = creationCode().concat(AbiCodec.encode(List.of(AbiType.STRING, AbiType.STRING, AbiType.UINT256),
          List.of("Bench Token", "BENCH", SUPPLY)));
    } catch (AbiException e) {
      throw new IllegalStateException("the constructor arguments are fixed and encode", e);
    }
    JsonNode receipt = context.sendFromFunder(List.of(new Call(null, BigInteger.ZERO, creation)), DEPLOY_GAS).get(0);
    String address = receipt.path("contractAddress").asText("");
    try {
      token = Address.fromHex(address);
    } catch (IllegalArgumentException e) {
      throw new LoadException("the token's deployment receipt carries no contract address: " + receipt);
    }
    List<Call> grants = new ArrayList<>(context.senders().size());
    for (Address sender : context.senders()) {
      grants.add(new Call(token, BigInteger.ZERO, transfer(sender, PER_SENDER)));
    }
    context.sendFromFunder(grants, TRANSFER_GAS);
  }

  @Override
  public Call call(int senderIndex, long nonce, List<Address> senders) {
    if (token == null) {
      throw new IllegalStateException("prepare deploys the token before any transfer is signed");
    }
    return new Call(token, BigInteger.ZERO, transfer(senders.get((senderIndex + 1) % senders.size()), BigInteger.ONE));
  }

  private static Bytes transfer(Address to, BigInteger amount) {
    try {
      return TRANSFER.encodeCall(to, amount);
    } catch (AbiException e) {
      throw new IllegalStateException("an address and a small amount always encode", e);
    }
  }

  private static AbiFunction function(String signature) {
    try {
      return AbiFunction.parse(signature);
    } catch (AbiException e) {
      throw new IllegalStateException("fixed signature " + signature, e);
    }
  }

  /** The token's creation code from the artifact packed into the jar. */
  static Bytes creationCode() throws LoadException {
    try (InputStream in = Erc20Workload.class.getResourceAsStream(ARTIFACT)) {
      if (in == null) {
        throw new LoadException(ARTIFACT + " is missing from the class path: the trestle jar was built without it");
      }
      JsonNode artifact = new ObjectMapper().readTree(in.readNBytes(1 << 20));
      return Bytes.fromHex(artifact.path("bytecode").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new LoadException("cannot read " + ARTIFACT + ": " + e.getMessage());
    }
  }
}
