package io.trestle.node.identity;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemContracts;
import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRpcServer;
import io.trestle.rpc.jsonrpc.JsonRpcProcessor;
import io.trestle.services.did.ContractStorage;
import io.trestle.services.did.DidRegistry;
import io.trestle.services.evidence.EvidenceRegistry;
import io.trestle.services.names.NameRegistry;
import io.trestle.state.world.WorldState;

/**
 * The node's wiring of issue 5 in two calls: {@link #register} adds the DID, name and evidence system contracts to
 * the registry the transaction processor runs; {@link #install} adds the resolver and evidence routes and the
 * identity JSON-RPC methods.
 */
public final class IdentityServices {
  private IdentityServices() {}

  public static SystemContracts.Builder register(SystemContracts.Builder systems) {
    return systems
        .register(DidRegistry.ADDRESS, new DidRegistry())
        .register(NameRegistry.ADDRESS, new NameRegistry())
        .register(EvidenceRegistry.ADDRESS, new EvidenceRegistry());
  }

  public static void install(Chain chain, JsonRpcProcessor rpc, HttpRpcServer http) {
    DidResolver resolver = new DidResolver(chain.genesis().chainId(), () -> storageAtHead(chain, DidRegistry.ADDRESS));
    EvidenceQueries evidence = new EvidenceQueries(chain);
    NameQueries names = new NameQueries(chain);
    new IdentityApi(chain, resolver, names, evidence).register(rpc);
    http.addRoute(new DidResolverRoute(resolver));
    http.addRoute(new EvidenceRoute(evidence, chain));
  }

  /** A contract's storage in the state after the head block. */
  static ContractStorage storageAtHead(Chain chain, Address contract) {
    WorldState state = chain.stateAt(chain.head().number());
    if (state == null) {
      // the head moved and its state is always kept (no pruning, ADR 0141): only a corrupt store gets here
      throw new IllegalStateException("state of the head block is missing");
    }
    return new StateStorage(state, contract);
  }
}
