package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Block;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.tx.Transaction;
import io.trestle.evm.IntrinsicGas;
import io.trestle.evm.Message;
import io.trestle.evm.TxResult;
import io.trestle.execution.BlockResults;
import io.trestle.execution.Chain;
import io.trestle.execution.ChainStore;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.rpc.jsonrpc.Params;
import io.trestle.rpc.jsonrpc.RpcException;
import io.trestle.state.world.Account;
import io.trestle.state.world.WorldState;
import io.trestle.txpool.TxPool;
import io.trestle.txpool.TxPoolException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/** The eth_, net_ and web3_ methods of the Ethereum JSON-RPC API over the chain and the pool. */
public final class EthApi {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final int FEE_HISTORY_BLOCKS_MAX = 1024;

  private final Chain chain;
  private final TxPool pool;
  private final String clientVersion;
  private final IntSupplier peerCount;
  private final Address coinbase;

  public EthApi(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount) {
    this(chain, pool, clientVersion, peerCount, null);
  }

  /** {@code coinbase}: the validator address of this node, or null when it does not propose blocks. */
  public EthApi(Chain chain, TxPool pool, String clientVersion, IntSupplier peerCount, Address coinbase) {
    this.chain = chain;
    this.pool = pool;
    this.clientVersion = clientVersion;
    this.peerCount = peerCount;
    this.coinbase = coinbase;
  }

  public void register(JsonRpcProcessor rpc) {
    long chainId = chain.genesis().chainId();
    rpc.register("web3_clientVersion", p -> TextNode.valueOf(clientVersion));
    rpc.register("web3_sha3", p -> Json.hash(Hash.keccak(Json.parseData(p.required(0, "data"), "data").toArray())));
    rpc.register("net_version", p -> TextNode.valueOf(Long.toString(chainId)));
    rpc.register("net_listening", p -> BooleanNode.TRUE);
    rpc.register("net_peerCount", p -> Json.quantity(peerCount.getAsInt()));
    rpc.register("eth_chainId", p -> Json.quantity(chainId));
    rpc.register("eth_blockNumber", p -> Json.quantity(chain.head().number()));
    rpc.register("eth_syncing", p -> BooleanNode.FALSE);
    rpc.register("eth_accounts", p -> Json.NODES.arrayNode());
    rpc.register("eth_mining", p -> BooleanNode.FALSE);
    rpc.register("eth_hashrate", p -> Json.quantity(0));
    rpc.register("eth_gasPrice", p -> Json.quantity(chain.nextBaseFee().add(suggestedTip())));
    rpc.register("eth_maxPriorityFeePerGas", p -> Json.quantity(suggestedTip()));
    rpc.register("eth_feeHistory", this::feeHistory);
    rpc.register("eth_getBalance", p -> {
      Account a = account(p.atMost(2), p.required(0, "address"), p.optional(1));
      return Json.quantity(a == null ? BigInteger.ZERO : a.balance());
    });
    rpc.register("eth_getTransactionCount", this::transactionCount);
    rpc.register("eth_getCode", p -> {
      p.atMost(2);
      Address address = Json.parseAddress(p.required(0, "address"), "address");
      WorldState state = state(p.optional(1));
      return Json.data(state.code(address));
    });
    rpc.register("eth_sendRawTransaction", this::sendRawTransaction);
    rpc.register("eth_getTransactionByHash", this::transactionByHash);
    rpc.register("eth_getTransactionReceipt", this::receipt);
    rpc.register("eth_getBlockByNumber", p -> {
      p.atMost(2);
      long n = BlockSelector.resolveOrMissing(chain, p.required(0, "block"));
      return blockView(n, p.optionalBoolean(1, false));
    });
    rpc.register("eth_getBlockByHash", p -> {
      p.atMost(2);
      long n = chain.store().numberOf(Json.parseHash(p.required(0, "block hash"), "block hash"));
      return blockView(n, p.optionalBoolean(1, false));
    });
    rpc.register("eth_getBlockTransactionCountByNumber", p -> {
      long n = BlockSelector.resolveOrMissing(chain, p.atMost(1).required(0, "block"));
      return n < 0 ? NullNode.getInstance() : Json.quantity(executed(n).size());
    });
    rpc.register("eth_getBlockTransactionCountByHash", p -> {
      long n = chain.store().numberOf(Json.parseHash(p.atMost(1).required(0, "block hash"), "block hash"));
      return n < 0 ? NullNode.getInstance() : Json.quantity(executed(n).size());
    });
    rpc.register("eth_getUncleCountByBlockNumber", p -> Json.quantity(0));
    rpc.register("eth_getUncleCountByBlockHash", p -> Json.quantity(0));
    rpc.register("eth_call", this::call);
    rpc.register("eth_estimateGas", this::estimateGas);
    rpc.register("eth_getTransactionByBlockNumberAndIndex", p -> {
      p.atMost(2);
      long n = BlockSelector.resolveOrMissing(chain, p.required(0, "block"));
      return transactionAt(n, p.required(1, "transaction index"));
    });
    rpc.register("eth_getTransactionByBlockHashAndIndex", p -> {
      p.atMost(2);
      long n = chain.store().numberOf(Json.parseHash(p.required(0, "block hash"), "block hash"));
      return transactionAt(n, p.required(1, "transaction index"));
    });
    rpc.register("eth_getBlockReceipts", this::blockReceipts);
    // a BFT chain has no uncles; clients still ask
    rpc.register("eth_getUncleByBlockNumberAndIndex", p -> NullNode.getInstance());
    rpc.register("eth_getUncleByBlockHashAndIndex", p -> NullNode.getInstance());
    rpc.register("eth_coinbase", p -> {
      if (coinbase == null) {
        throw RpcException.server("this node is not a validator: it has no coinbase");
      }
      return Json.address(coinbase);
    });
    rpc.register("eth_baseFee", p -> Json.quantity(chain.nextBaseFee()));
    // no blob transactions here: the blob base fee stays at its minimum of 1 wei (EIP-4844)
    rpc.register("eth_blobBaseFee", p -> Json.quantity(1));
  }

  private JsonNode transactionAt(long number, JsonNode indexNode) throws RpcException {
    long index = Json.parseLong(indexNode, "transaction index");
    if (number < 0) {
      return NullNode.getInstance();
    }
    List<ExecutedTransaction> txs = executed(number);
    if (index >= txs.size()) {
      return NullNode.getInstance();
    }
    ExecutedTransaction e = txs.get((int) index);
    return Views.transaction(e.transaction(), e, chain.store().header(number).timestampSeconds());
  }

  private JsonNode blockReceipts(Params p) throws RpcException {
    JsonNode block = p.atMost(1).required(0, "block");
    long n;
    if (block.isTextual() && block.asText().length() == 66) {
      n = chain.store().numberOf(Json.parseHash(block, "block hash"));
    } else if (block.isObject() && block.has("blockHash")) {
      n = chain.store().numberOf(Json.parseHash(block.get("blockHash"), "blockHash"));
    } else {
      n = BlockSelector.resolveOrMissing(chain, block);
    }
    if (n < 0 || chain.blockHash(n) == null) {
      return NullNode.getInstance();
    }
    ArrayNode out = Json.NODES.arrayNode();
    for (ExecutedTransaction e : executed(n)) {
      out.add(Views.receipt(e));
    }
    return out;
  }

  private BigInteger suggestedTip() {
    return chain.genesis().fees().isEip1559() ? GWEI.max(chain.genesis().fees().minGasPrice()) : chain.genesis().fees().minGasPrice();
  }

  private WorldState state(JsonNode blockParam) throws RpcException {
    long n = BlockSelector.resolve(chain, blockParam);
    WorldState state = chain.stateAt(n);
    if (state == null) {
      throw RpcException.server("state of block " + n + " is not available");
    }
    return state;
  }

  private Account account(Params p, JsonNode addressNode, JsonNode blockParam) throws RpcException {
    Address address = Json.parseAddress(addressNode, "address");
    return state(blockParam).account(address);
  }

  private JsonNode transactionCount(Params p) throws RpcException {
    p.atMost(2);
    Address address = Json.parseAddress(p.required(0, "address"), "address");
    if (BlockSelector.isPending(p.optional(1))) {
      return Json.quantity(pool.pendingNonce(address));
    }
    Account a = state(p.optional(1)).account(address);
    return Json.quantity(a == null ? 0 : a.nonce());
  }

  private JsonNode sendRawTransaction(Params p) throws RpcException {
    Bytes raw = Json.parseData(p.atMost(1).required(0, "signed transaction"), "signed transaction");
    Transaction tx;
    try {
      tx = Transaction.decode(raw.unsafeArray(), chain.suite(), Transaction.DEFAULT_SIZE_MAX_BYTES);
    } catch (RlpException e) {
      throw RpcException.invalidParams("invalid transaction encoding: " + e.getMessage());
    }
    try {
      return Json.hash(pool.add(tx));
    } catch (TxPoolException e) {
      throw RpcException.server(e.getMessage());
    }
  }

  private JsonNode transactionByHash(Params p) throws RpcException {
    Hash hash = Json.parseHash(p.atMost(1).required(0, "transaction hash"), "transaction hash");
    ExecutedTransaction e = findExecuted(hash);
    if (e != null) {
      return Views.transaction(e.transaction(), e, chain.store().header(e.blockNumber()).timestampSeconds());
    }
    Transaction pending = pool.get(hash);
    return pending == null ? NullNode.getInstance() : Views.transaction(pending, null, 0);
  }

  private JsonNode receipt(Params p) throws RpcException {
    Hash hash = Json.parseHash(p.atMost(1).required(0, "transaction hash"), "transaction hash");
    ExecutedTransaction e = findExecuted(hash);
    return e == null ? NullNode.getInstance() : Views.receipt(e);
  }

  private ExecutedTransaction findExecuted(Hash hash) {
    ChainStore.Location loc = chain.store().location(hash);
    // The block's batch is readable a moment before the chain's head moves to it: a receipt seen earlier would let a
    // client act on state (nonces, balances) that latest does not show yet.
    if (loc == null || loc.number() > chain.head().number()) {
      return null;
    }
    List<ExecutedTransaction> all = executed(loc.number());
    return loc.index() < all.size() ? all.get(loc.index()) : null;
  }

  private List<ExecutedTransaction> executed(long number) {
    Hash hash = chain.blockHash(number);
    List<ExecutedTransaction> list = hash == null ? null : chain.store().executed(number, hash);
    return list == null ? List.of() : list;
  }

  private JsonNode blockView(long number, boolean full) {
    if (number < 0) {
      return NullNode.getInstance();
    }
    Block block = chain.store().block(number);
    BlockResults results = chain.store().results(number);
    if (block == null || results == null) {
      return NullNode.getInstance();
    }
    Hash hash = block.header().hash(chain.suite());
    List<ExecutedTransaction> executed = chain.store().executed(number, hash, block.transactions());
    return Views.block(block, hash, results, executed == null ? List.of() : executed, full);
  }

  // ---- eth_call / eth_estimateGas ----

  private JsonNode call(Params p) throws RpcException {
    p.atMost(3);
    long number = BlockSelector.resolve(chain, p.optional(1));
    Message m = CallRequest.parse(chain, p.required(0, "call object"), number, gasLimitAt(number));
    TxResult r = chain.simulate(m, number);
    return callOutcome(r);
  }

  /** The gas limit of block {@code number}, which calls run under: governance may have moved it from the genesis'. */
  private long gasLimitAt(long number) {
    return gasLimitAt(chain, number);
  }

  static long gasLimitAt(Chain chain, long number) {
    var header = number == chain.head().number() ? chain.head().header() : chain.store().header(number);
    return header == null ? chain.genesis().gasLimit() : header.gasLimit();
  }

  private static JsonNode callOutcome(TxResult r) throws RpcException {
    switch (r.status()) {
      case SUCCESS:
        return Json.data(r.output());
      case REVERTED:
        throw reverted(r.output());
      case INVALID:
        throw RpcException.server(r.error());
      default:
        throw RpcException.server(r.error() == null ? "execution failed" : r.error());
    }
  }

  static RpcException reverted(Bytes output) {
    String reason = RevertReason.decode(output);
    String message = reason == null ? "execution reverted" : "execution reverted: " + reason;
    return new RpcException(RpcException.EXECUTION_REVERTED, message, Json.data(output));
  }

  private JsonNode estimateGas(Params p) throws RpcException {
    p.atMost(2);
    long number = BlockSelector.resolve(chain, p.optional(1));
    long cap = gasLimitAt(number);
    JsonNode callNode = p.required(0, "call object");
    Message probe = CallRequest.parse(chain, callNode, number, cap);
    if (callNode.hasNonNull("gas")) {
      cap = Math.min(cap, probe.gasLimit());
    }
    TxResult atCap = chain.simulate(withGas(probe, cap), number);
    if (!atCap.isSuccess()) {
      callOutcome(atCap);
      throw RpcException.server("gas required exceeds allowance (" + cap + ")");
    }
    long lo = IntrinsicGas.of(probe) - 1;
    long hi = Math.min(cap, Math.max(atCap.gasUsed(), IntrinsicGas.of(probe)));
    // the gas used at the cap is a lower bound; refunds and the 63/64 rule can make the need higher
    TxResult atUsed = chain.simulate(withGas(probe, hi), number);
    if (atUsed.isSuccess()) {
      return Json.quantity(hi);
    }
    lo = hi;
    hi = cap;
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (chain.simulate(withGas(probe, mid), number).isSuccess()) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return Json.quantity(hi);
  }

  private static Message withGas(Message m, long gas) {
    return new Message(m.type(), m.sender(), m.to(), m.nonce(), gas, m.value(), m.data(), m.accessList(),
        m.maxFeePerGas(), m.maxPriorityFeePerGas(), m.maxFeePerBlobGas(), m.blobVersionedHashes());
  }

  // ---- eth_feeHistory ----

  private JsonNode feeHistory(Params p) throws RpcException {
    p.atMost(3);
    long count = Json.parseLong(p.required(0, "block count"), "block count");
    if (count < 1 || count > FEE_HISTORY_BLOCKS_MAX) {
      throw RpcException.invalidParams("block count must be within [1, " + FEE_HISTORY_BLOCKS_MAX + "]");
    }
    long newest = BlockSelector.resolve(chain, p.required(1, "newest block"));
    double[] percentiles = null;
    JsonNode pct = p.optional(2);
    if (pct != null) {
      if (!pct.isArray() || pct.size() > 100) {
        throw RpcException.invalidParams("reward percentiles must be an array of at most 100 numbers");
      }
      percentiles = new double[pct.size()];
      for (int i = 0; i < pct.size(); i++) {
        percentiles[i] = pct.get(i).asDouble();
        if (percentiles[i] < 0 || percentiles[i] > 100 || (i > 0 && percentiles[i] < percentiles[i - 1])) {
          throw RpcException.invalidParams("reward percentiles must be ascending values within [0, 100]");
        }
      }
    }
    long oldest = Math.max(0, newest - count + 1);
    ObjectNode out = Json.NODES.objectNode();
    out.set("oldestBlock", Json.quantity(oldest));
    ArrayNode baseFees = out.putArray("baseFeePerGas");
    ArrayNode ratios = out.putArray("gasUsedRatio");
    ArrayNode rewards = percentiles == null ? null : out.putArray("reward");
    for (long n = oldest; n <= newest; n++) {
      var header = chain.store().header(n);
      BlockResults results = chain.store().results(n);
      baseFees.add(Json.quantity(header.baseFeePerGas()));
      ratios.add((double) results.gasUsed() / header.gasLimit());
      if (rewards != null) {
        rewards.add(rewards(executed(n), header.baseFeePerGas(), percentiles));
      }
    }
    out.set("baseFeePerGas", baseFees);
    baseFees.add(Json.quantity(newest == chain.head().number() ? chain.nextBaseFee()
        : chain.store().header(newest + 1).baseFeePerGas()));
    return out;
  }

  private static ArrayNode rewards(List<ExecutedTransaction> txs, BigInteger baseFee, double[] percentiles) {
    ArrayNode out = Json.NODES.arrayNode();
    if (txs.isEmpty()) {
      for (int i = 0; i < percentiles.length; i++) {
        out.add(Json.quantity(0));
      }
      return out;
    }
    ExecutedTransaction[] sorted = txs.toArray(new ExecutedTransaction[0]);
    Arrays.sort(sorted, (a, b) -> a.effectiveGasPrice().compareTo(b.effectiveGasPrice()));
    long total = 0;
    for (ExecutedTransaction t : sorted) {
      total += t.gasUsed();
    }
    int idx = 0;
    long cumulative = sorted[0].gasUsed();
    for (double pct : percentiles) {
      long threshold = (long) Math.ceil(total * pct / 100.0);
      while (cumulative < threshold && idx < sorted.length - 1) {
        idx++;
        cumulative += sorted[idx].gasUsed();
      }
      out.add(Json.quantity(sorted[idx].effectiveGasPrice().subtract(baseFee).max(BigInteger.ZERO)));
    }
    return out;
  }
}
