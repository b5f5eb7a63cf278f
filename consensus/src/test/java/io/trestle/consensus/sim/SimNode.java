package io.trestle.consensus.sim;

import io.trestle.consensus.ConsensusEngine;
import io.trestle.consensus.Signer;
import io.trestle.consensus.cert.CommitCertificate;
import io.trestle.consensus.support.KvApp;
import io.trestle.consensus.wire.Block;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated node: the engine and application in memory (lost on a crash) and its store (kept): the
 * persisted safety state bytes and the committed blocks with their certificates.
 */
final class SimNode {
  final int index;
  final int keyIndex;
  final Address address;
  final Signer signer;
  final Adversary adversary;
  final boolean twin;
  final long skewMs;

  ConsensusEngine engine;
  KvApp app;
  boolean up = true;
  int incarnation;
  /** When set, the next non-empty action list is cut after this many actions and the node crashes. */
  int crashAfterActions = -1;

  // the store: survives crashes
  byte[] safetyState;
  final List<Block> blocks = new ArrayList<>();
  final List<CommitCertificate> certificates = new ArrayList<>();
  final Map<Hash, Block> votedBlocks = new LinkedHashMap<>();
  long persistCount;

  SimNode(int index, int keyIndex, Address address, Signer signer, Adversary adversary, boolean twin, long skewMs) {
    this.index = index;
    this.keyIndex = keyIndex;
    this.address = address;
    this.signer = signer;
    this.adversary = adversary;
    this.twin = twin;
    this.skewMs = skewMs;
  }

  boolean honest() {
    return adversary == null && !twin;
  }

  long storedHeight() {
    return blocks.size();
  }

  @Override
  public String toString() {
    return "node" + index + (twin ? "(twin of key " + keyIndex + ")" : "") + (adversary != null ? "(byzantine)" : "");
  }
}
