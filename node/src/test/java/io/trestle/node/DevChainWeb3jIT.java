package io.trestle.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * web3j from Maven Central, as a third-party client, against {@code trestle dev} running as its own process:
 * transfers signed by web3j (EIP-1559 and legacy), balances, nonces, blocks and receipts; then a restart resumes the chain.
 */
class DevChainWeb3jIT {
  @TempDir
  Path tmp;

  @Test
  void web3jSendsTransfersAndReadsTheChain() throws Exception {
    Path data = tmp.resolve("data");
    BigInteger headBeforeRestart;
    String recipient = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
    try (NodeProcess node = NodeProcess.dev(data, "--block-interval-ms", "200").start()) {
      Web3j web3 = Web3j.build(new HttpService(node.url()));
      Credentials dev = Credentials.create(NodeProcess.devAccountKey(data));
      long chainId = web3.ethChainId().send().getChainId().longValueExact();
      assertEquals(1337, chainId);
      assertTrue(web3.ethGetBalance(dev.getAddress(), DefaultBlockParameterName.LATEST).send().getBalance().signum() > 0);

      BigInteger nonce = web3.ethGetTransactionCount(dev.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
      BigInteger tip = web3.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
      BigInteger baseFee = Numeric.decodeQuantity(web3.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
          .getBlock().getBaseFeePerGasRaw());
      RawTransaction eip1559 = RawTransaction.createEtherTransaction(chainId, nonce, BigInteger.valueOf(21_000), recipient,
          BigInteger.valueOf(1_000_000), tip, baseFee.multiply(BigInteger.TWO).add(tip));
      TransactionReceipt r1 = sendAndWait(web3, Numeric.toHexString(TransactionEncoder.signMessage(eip1559, dev)));

      BigInteger gasPrice = web3.ethGasPrice().send().getGasPrice();
      RawTransaction legacy = RawTransaction.createEtherTransaction(nonce.add(BigInteger.ONE), gasPrice,
          BigInteger.valueOf(21_000), recipient, BigInteger.valueOf(2_000_000));
      TransactionReceipt r2 = sendAndWait(web3, Numeric.toHexString(TransactionEncoder.signMessage(legacy, chainId, dev)));

      assertTrue(r1.isStatusOK());
      assertTrue(r2.isStatusOK());
      assertEquals(BigInteger.valueOf(21_000), r1.getGasUsed());
      assertEquals(dev.getAddress(), r1.getFrom());
      assertEquals(BigInteger.valueOf(3_000_000),
          web3.ethGetBalance(recipient, DefaultBlockParameterName.LATEST).send().getBalance());
      assertEquals(nonce.add(BigInteger.TWO),
          web3.ethGetTransactionCount(dev.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount());

      EthBlock.Block block = web3.ethGetBlockByHash(r2.getBlockHash(), true).send().getBlock();
      assertEquals(r2.getBlockNumber(), block.getNumber());
      List<EthBlock.TransactionResult> txs = block.getTransactions();
      assertTrue(txs.stream().anyMatch(t -> ((EthBlock.TransactionObject) t).getHash().equals(r2.getTransactionHash())));
      assertEquals(r1.getTransactionHash(),
          web3.ethGetTransactionByHash(r1.getTransactionHash()).send().getTransaction().orElseThrow().getHash());

      EthSendTransaction reused = web3.ethSendRawTransaction(Numeric.toHexString(TransactionEncoder.signMessage(eip1559, dev))).send();
      assertTrue(reused.hasError(), "a replayed transaction must be refused");
      headBeforeRestart = web3.ethBlockNumber().send().getBlockNumber();
      node.stop();
    }
    try (NodeProcess again = NodeProcess.dev(data).start()) {
      Web3j web3 = Web3j.build(new HttpService(again.url()));
      assertTrue(web3.ethBlockNumber().send().getBlockNumber().compareTo(headBeforeRestart) >= 0, "the chain resumes");
      assertEquals(BigInteger.valueOf(3_000_000), web3.ethGetBalance(recipient, DefaultBlockParameterName.LATEST).send().getBalance());
    }
  }

  private static TransactionReceipt sendAndWait(Web3j web3, String raw) throws Exception {
    EthSendTransaction sent = web3.ethSendRawTransaction(raw).send();
    assertTrue(!sent.hasError(), () -> "send failed: " + sent.getError().getMessage());
    for (int i = 0; i < 300; i++) {
      Optional<TransactionReceipt> r = web3.ethGetTransactionReceipt(sent.getTransactionHash()).send().getTransactionReceipt();
      if (r.isPresent()) {
        assertNotNull(r.get().getBlockHash());
        return r.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no receipt for " + sent.getTransactionHash());
  }
}
