package io.trestle.p2p.sync;

import java.util.List;

/**
 * Where synced blocks go: the node verifies each certificate against the validator set of its height,
 * executes and commits. Called on the sync thread, in height order, never concurrently.
 */
public interface SyncSink {
  /** The height of the highest block applied (by sync or by consensus); sync asks for the ones above. */
  long height();

  /**
   * Applies encodings of (block, certificate) at heights {@code fromHeight}, {@code fromHeight + 1}, …, where
   * {@code fromHeight == height() + 1}. Returns when all are applied; throws when one is invalid, after
   * applying the ones before it. The peer that sent the batch is then banned and the rest fetched elsewhere.
   */
  void apply(long fromHeight, List<byte[]> blocksWithCertificates) throws SyncRejectedException;
}
