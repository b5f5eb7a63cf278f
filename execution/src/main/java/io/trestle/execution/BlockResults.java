package io.trestle.execution;

import io.trestle.core.Hash;
import io.trestle.core.block.Bloom;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import java.util.List;

/**
 * What executing block N produced; header N+1 carries these as its {@code last*} fields (DESIGN §4).
 * For the genesis block the state root is the root of the allocation.
 */
public record BlockResults(Hash stateRoot, Hash receiptsRoot, long gasUsed, Bloom logsBloom) {
  public byte[] encode() {
    return Rlp.list()
        .addBytes(stateRoot.unsafeArray())
        .addBytes(receiptsRoot.unsafeArray())
        .addLong(gasUsed)
        .addBytes(logsBloom.toArray())
        .build();
  }

  public static BlockResults decode(byte[] encoded) throws RlpException {
    List<RlpItem> f = Rlp.decode(encoded).items(4, "block results");
    byte[] bloom = f.get(3).bytes();
    if (bloom.length != Bloom.BYTES) {
      throw new RlpException("block results bloom must be " + Bloom.BYTES + " bytes, got " + bloom.length);
    }
    return new BlockResults(f.get(0).asHash(), f.get(1).asHash(), f.get(2).asLong(), Bloom.of(bloom));
  }
}
