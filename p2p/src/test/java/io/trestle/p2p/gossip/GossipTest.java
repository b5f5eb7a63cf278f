package io.trestle.p2p.gossip;

import static io.trestle.p2p.TestNet.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import io.trestle.crypto.EthereumSuite;
import io.trestle.p2p.AdmissionPolicy;
import io.trestle.p2p.NodeIdentity;
import io.trestle.p2p.P2pNetwork;
import io.trestle.p2p.PeerEndpoint;
import io.trestle.p2p.Protocols;
import io.trestle.p2p.TestNet;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GossipTest {
  private final List<P2pNetwork> networks = new ArrayList<>();

  @AfterEach
  void closeAll() {
    networks.forEach(P2pNetwork::close);
  }

  /** One node of a gossip test: what its handler saw, per payload. */
  private static final class Node {
    final NodeIdentity id;
    final P2pNetwork network;
    final Gossip gossip;
    final Map<String, List<Address>> seen = new ConcurrentHashMap<>();

    Node(NodeIdentity id, P2pNetwork network, Predicate<String> forward) {
      this.id = id;
      this.network = network;
      this.gossip = new Gossip(network, Protocols.TX_GOSSIP, (from, payload) -> {
        String text = new String(payload, StandardCharsets.UTF_8);
        seen.computeIfAbsent(text, t -> new CopyOnWriteArrayList<>()).add(from);
        return forward.test(text);
      });
    }
  }

  /** Nodes 0..n-1 where node i dials the nodes {@code links} names for it; returns once all links are up. */
  private List<Node> topology(int n, int[][] links, List<Predicate<String>> forward) throws Exception {
    List<NodeIdentity> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(TestNet.identity(EthereumSuite.INSTANCE, 40 + i));
    }
    AdmissionPolicy all = TestNet.admitting(ids);
    List<Node> nodes = new ArrayList<>();
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      P2pNetwork network = new P2pNetwork(ids.get(i), all, TestNet.fastConfig("g" + i).build());
      networks.add(network);
      nodes.add(new Node(ids.get(i), network, forward.get(i)));
      addresses.add(network.start("127.0.0.1", 0));
    }
    for (int[] link : links) {
      PeerEndpoint to = TestNet.endpoint(addresses.get(link[1]), ids.get(link[1]).address());
      nodes.get(link[0]).network.addStaticPeer(to);
    }
    await("links up", () -> {
      for (int[] link : links) {
        if (!nodes.get(link[0]).network.isConnected(ids.get(link[1]).address())
            || !nodes.get(link[1]).network.isConnected(ids.get(link[0]).address())) {
          return false;
        }
      }
      return true;
    });
    return nodes;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void itemCrossesARingOnceToEveryNodeAndDuplicatesAreDropped() throws Exception {
    List<Node> ring = topology(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 0}},
        List.of(t -> true, t -> true, t -> true, t -> true));

    assertTrue(ring.get(0).gossip.publish(bytes("tx-1")));
    assertFalse(ring.get(0).gossip.publish(bytes("tx-1")), "publishing the same item twice sends it once");

    await("every other node has it", () -> ring.subList(1, 4).stream().allMatch(n -> n.seen.containsKey("tx-1")));
    // 0 sends 2 copies and 1, 2 and 3 each forward 1 (every neighbour but the source): 5 arrivals, 3 of them new,
    // whatever the interleaving, so exactly 2 duplicates are dropped somewhere on the ring.
    await("the echoes arrived", () -> ring.stream().mapToLong(n -> n.gossip.duplicates()).sum() == 2);
    for (Node n : ring.subList(1, 4)) {
      assertEquals(1, n.seen.get("tx-1").size(), "handled exactly once at " + n.network.config().name());
    }
    assertFalse(ring.get(0).seen.containsKey("tx-1"), "the publisher does not hand its own item to itself");
  }

  @Test
  void itemTravelsALineHopByHopAndIsNotSentBackToItsSource() throws Exception {
    List<Node> line = topology(4, new int[][] {{0, 1}, {1, 2}, {2, 3}},
        List.of(t -> true, t -> true, t -> true, t -> true));

    line.get(0).gossip.publish(bytes("tx-line"));

    await("the far end has it", () -> line.get(3).seen.containsKey("tx-line"));
    assertEquals(List.of(line.get(0).id.address()), line.get(1).seen.get("tx-line"));
    assertEquals(List.of(line.get(1).id.address()), line.get(2).seen.get("tx-line"));
    assertEquals(List.of(line.get(2).id.address()), line.get(3).seen.get("tx-line"));
    assertEquals(0, line.get(0).gossip.duplicates() + line.get(1).gossip.duplicates()
        + line.get(2).gossip.duplicates() + line.get(3).gossip.duplicates(), "on a line no node hears an item twice");
  }

  @Test
  void itemTheHandlerRefusesIsNotForwarded() throws Exception {
    List<Node> line = topology(3, new int[][] {{0, 1}, {1, 2}},
        List.of(t -> true, t -> !t.startsWith("invalid"), t -> true));

    line.get(0).gossip.publish(bytes("invalid-tx"));
    line.get(0).gossip.publish(bytes("valid-tx"));

    // Both items travel the same ordered links, so when the valid one arrives the invalid one would have.
    await("the valid item crossed", () -> line.get(2).seen.containsKey("valid-tx"));
    assertTrue(line.get(1).seen.containsKey("invalid-tx"), "the middle node saw it and judged it");
    assertFalse(line.get(2).seen.containsKey("invalid-tx"));
  }
}
