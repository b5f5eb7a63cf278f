package io.trestle.node.assets;

import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.services.assets.AssetContracts;
import io.trestle.state.kv.KeyValueStore;

/**
 * The node's wiring of issue 6 in two calls: {@link #register} adds the asset contracts to the system contracts
 * every node of the chain runs; {@link #install} starts the asset index and adds the REST routes and JSON-RPC
 * methods. Close the returned value to stop the index.
 */
public final class AssetServices implements AutoCloseable {
  private final AssetIndex index;
  private final AssetQueries queries;

  private AssetServices(AssetIndex index, AssetQueries queries) {
    this.index = index;
    this.queries = queries;
  }

  /** The asset contracts, asking the governance contract's state who is committee, regulator and issuer (ADR 0294). */
  public static SystemContracts.Builder register(SystemContracts.Builder systems) {
    return new AssetContracts(new ChainAssetGovernance()).register(systems);
  }

  public static AssetServices install(Chain chain, KeyValueStore kv, JsonRpcProcessor rpc, HttpRpcServer http) {
    AssetIndex index = new AssetIndex(chain, kv);
    AssetQueries queries = new AssetQueries(chain, index);
    new AssetApi(queries).register(rpc);
    http.addRoute(new AssetRoute(queries));
    index.start();
    return new AssetServices(index, queries);
  }

  public AssetIndex index() {
    return index;
  }

  public AssetQueries queries() {
    return queries;
  }

  @Override
  public void close() {
    index.close();
  }
}
