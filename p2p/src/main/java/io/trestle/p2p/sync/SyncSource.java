package io.trestle.p2p.sync;

import io.trestle.core.Hash;
import java.util.List;

/**
 * The node's committed chain, as block sync serves it to peers. Called on the sync serving thread; may read
 * storage.
 */
public interface SyncSource {
  /** The height of the highest committed block that has its commit certificate. */
  long height();

  /** The hash of the block at {@link #height()}. */
  Hash headHash();

  /**
   * The encodings of (block, certificate) at consecutive heights from {@code fromHeight} to at most
   * {@code toHeight}, stopping before the total would exceed {@code bytesMax} (but always including the first
   * block when it exists). Fewer, or none, when this node does not have them.
   */
  List<byte[]> blocksWithCertificates(long fromHeight, long toHeight, int bytesMax);
}
