package io.trestle.services.governance;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.AddressSet;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;
import java.util.List;

/**
 * Nodes admitted to the peer network besides the validators (observers, RPC nodes, validators-to-be). The p2p
 * layer admits exactly these plus the current and scheduled validators, at the handshake and again whenever
 * the set changes (ADR 0274).
 */
public final class NodeRegistry {
  public static final int NODES_MAX = 1_000;
  private static final AddressSet NODES = AddressSet.named("gov.nodes");

  private NodeRegistry() {}

  public static boolean isAdmitted(StorageReader s, Address node) throws SystemCall.Halt {
    return NODES.contains(s, node);
  }

  public static List<Address> list(StorageReader s) throws SystemCall.Halt {
    return NODES.list(s, NODES_MAX);
  }

  public static long size(StorageReader s) throws SystemCall.Halt {
    return NODES.size(s);
  }

  public static boolean admit(Storage s, Address node) throws SystemCall.Halt {
    return NODES.add(s, node);
  }

  public static boolean remove(Storage s, Address node) throws SystemCall.Halt {
    return NODES.remove(s, node);
  }
}
