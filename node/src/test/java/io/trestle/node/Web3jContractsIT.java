package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Contract;
import org.web3j.tx.RawTransactionManager;

/**
 * web3j from Maven Central against {@code trestle dev} as its own process: the Solidity ERC-20 and ERC-721 of
 * contracts/test deployed, used, read with eth_call, their events decoded, and reverts caught with their reasons.
 */
class Web3jContractsIT {
  private static final long CHAIN_ID = 1337;
  private static final BigInteger GAS = BigInteger.valueOf(3_000_000);
  private static final Event TRANSFER_20 = new Event("Transfer", List.of(new TypeReference<Address>(true) {},
      new TypeReference<Address>(true) {}, new TypeReference<Uint256>(false) {}));
  private static final Event TRANSFER_721 = new Event("Transfer", List.of(new TypeReference<Address>(true) {},
      new TypeReference<Address>(true) {}, new TypeReference<Uint256>(true) {}));

  @TempDir
  Path tmp;

  private Web3j web3;
  private RawTransactionManager manager;
  private Credentials dev;

  @Test
  void web3jDeploysAndUsesTheErc20AndErc721() throws Exception {
    Path data = tmp.resolve("data");
    try (NodeProcess node = NodeProcess.dev(data, "--block-interval-ms", "200").start()) {
      web3 = Web3j.build(new HttpService(node.url()));
      dev = Credentials.create(NodeProcess.devAccountKey(data));
      manager = new RawTransactionManager(web3, dev, CHAIN_ID);
      erc20(deploy("TestToken", List.of(new Utf8String("Web3j Token"), new Utf8String("W3J"),
          new Uint256(BigInteger.TEN.pow(24)))));
      erc721(deploy("TestCollectible", List.of(new Utf8String("Web3j Collectible"), new Utf8String("W3C"))));
      web3.shutdown();
    }
  }

  private void erc20(String token) throws Exception {
    String bob = freshAddress();
    assertEquals(BigInteger.TEN.pow(24), uint(call(token, "balanceOf", new Address(dev.getAddress()))));
    TransactionReceipt receipt = send(token, new Function("transfer", List.of(new Address(bob), new Uint256(500)), List.of()));
    assertTrue(receipt.isStatusOK());
    assertEquals(BigInteger.valueOf(500), uint(call(token, "balanceOf", new Address(bob))));

    EventValues transfer = Contract.staticExtractEventParameters(TRANSFER_20, receipt.getLogs().get(0));
    assertEquals(dev.getAddress(), transfer.getIndexedValues().get(0).getValue());
    assertEquals(bob, transfer.getIndexedValues().get(1).getValue());
    assertEquals(BigInteger.valueOf(500), transfer.getNonIndexedValues().get(0).getValue());

    EthFilter byRecipient = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, token)
        .addSingleTopic(EventEncoder.encode(TRANSFER_20)).addNullTopic().addSingleTopic(padded(bob));
    List<EthLog.LogResult> logs = web3.ethGetLogs(byRecipient).send().getLogs();
    assertEquals(1, logs.size());
    assertEquals(receipt.getTransactionHash(), ((Log) logs.get(0).get()).getTransactionHash());

    // bob holds 500: sending 501 reverts with the require() reason, both in eth_call and eth_estimateGas
    Function tooMuch = new Function("transfer", List.of(new Address(dev.getAddress()), new Uint256(501)), List.of());
    EthCall reverted = web3.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
        bob, token, FunctionEncoder.encode(tooMuch)), DefaultBlockParameterName.LATEST).send();
    assertTrue(reverted.isReverted());
    assertTrue(reverted.getRevertReason().contains("transfer amount exceeds balance"), reverted.getRevertReason());
    var estimate = web3.ethEstimateGas(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
        bob, token, FunctionEncoder.encode(tooMuch))).send();
    assertTrue(estimate.hasError());
    assertEquals(3, estimate.getError().getCode());
    assertTrue(estimate.getError().getMessage().contains("transfer amount exceeds balance"));

    // a mined transaction that reverts: status 0, and the chain goes on
    TransactionReceipt failed = sendWithGas(token, new Function("transfer",
        List.of(new Address(bob), new Uint256(BigInteger.TEN.pow(30))), List.of()), BigInteger.valueOf(100_000));
    assertFalse(failed.isStatusOK());
    assertEquals(BigInteger.valueOf(500), uint(call(token, "balanceOf", new Address(bob))));
  }

  private void erc721(String collection) throws Exception {
    String alice = dev.getAddress();
    TransactionReceipt minted = send(collection, new Function("mint",
        List.of(new Address(alice), new Utf8String("ipfs://one")), List.of()));
    assertTrue(minted.isStatusOK());
    EventValues mint = Contract.staticExtractEventParameters(TRANSFER_721, minted.getLogs().get(0));
    BigInteger id = (BigInteger) mint.getIndexedValues().get(2).getValue();
    assertEquals(BigInteger.ONE, id);
    assertEquals(alice, address(call(collection, "ownerOf", new Uint256(id))));

    String bob = freshAddress();
    TransactionReceipt moved = send(collection, new Function("transferFrom",
        List.of(new Address(alice), new Address(bob), new Uint256(id)), List.of()));
    assertTrue(moved.isStatusOK());
    EventValues transfer = Contract.staticExtractEventParameters(TRANSFER_721, moved.getLogs().get(0));
    assertEquals(bob, transfer.getIndexedValues().get(1).getValue());
    assertEquals(bob, address(call(collection, "ownerOf", new Uint256(id))));
    assertEquals(BigInteger.ZERO, uint(call(collection, "balanceOf", new Address(alice))));

    EthCall noToken = web3.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
        alice, collection, FunctionEncoder.encode(new Function("ownerOf", List.of(new Uint256(42)), List.of()))),
        DefaultBlockParameterName.LATEST).send();
    assertTrue(noToken.isReverted(), "a custom error reverts the call");
    String selector = org.web3j.crypto.Hash.sha3String("UnknownToken(uint256)").substring(0, 10);
    assertTrue(noToken.getError().getData().contains(selector.substring(2)), "revert data carries the custom error");

    EthCall zero = web3.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
        alice, collection, FunctionEncoder.encode(new Function("balanceOf",
            List.of(new Address("0x0000000000000000000000000000000000000000")), List.of()))),
        DefaultBlockParameterName.LATEST).send();
    assertTrue(zero.getRevertReason().contains("balance query for the zero address"), zero.getRevertReason());
  }

  // ---- helpers ----

  private String deploy(String name, List<Type> args) throws Exception {
    String code = TestContracts.bytecode(name) + FunctionEncoder.encodeConstructor(args);
    EthSendTransaction sent = manager.sendEIP1559Transaction(CHAIN_ID, tip(), maxFee(), BigInteger.valueOf(5_000_000),
        "", code, BigInteger.ZERO, false);
    assertFalse(sent.hasError(), () -> name + " deployment refused: " + sent.getError().getMessage());
    TransactionReceipt receipt = await(sent.getTransactionHash());
    assertTrue(receipt.isStatusOK(), name + " deployment failed");
    assertNotNull(receipt.getContractAddress());
    return receipt.getContractAddress();
  }

  private TransactionReceipt send(String to, Function f) throws Exception {
    return sendWithGas(to, f, GAS);
  }

  private TransactionReceipt sendWithGas(String to, Function f, BigInteger gas) throws Exception {
    EthSendTransaction sent = manager.sendEIP1559Transaction(CHAIN_ID, tip(), maxFee(), gas, to,
        FunctionEncoder.encode(f), BigInteger.ZERO, false);
    assertFalse(sent.hasError(), () -> f.getName() + " refused: " + sent.getError().getMessage());
    return await(sent.getTransactionHash());
  }

  private BigInteger tip() throws Exception {
    return web3.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
  }

  private BigInteger maxFee() throws Exception {
    return web3.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
  }

  private TransactionReceipt await(String hash) throws Exception {
    for (int i = 0; i < 300; i++) {
      Optional<TransactionReceipt> r = web3.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (r.isPresent()) {
        return r.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no receipt for " + hash);
  }

  private List<Type> call(String to, String name, Type arg) throws Exception {
    Function f = new Function(name, List.of(arg), List.of(new TypeReference<Uint256>() {}));
    EthCall result = web3.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
        dev.getAddress(), to, FunctionEncoder.encode(f)), DefaultBlockParameterName.LATEST).send();
    assertFalse(result.hasError(), () -> name + " call failed: " + result.getError().getMessage());
    return FunctionReturnDecoder.decode(result.getValue(), f.getOutputParameters());
  }

  private static BigInteger uint(List<Type> values) {
    return (BigInteger) values.get(0).getValue();
  }

  private static String address(List<Type> values) {
    BigInteger word = uint(values);
    return "0x" + String.format("%040x", word);
  }

  private static String padded(String address) {
    return "0x" + "0".repeat(24) + address.substring(2).toLowerCase();
  }

  private static String freshAddress() throws Exception {
    return "0x" + Keys.getAddress(Keys.createEcKeyPair());
  }
}
