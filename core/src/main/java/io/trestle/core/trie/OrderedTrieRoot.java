package io.trestle.core.trie;

import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethereum's root of an ordered list — transactions root, receipts root: the Merkle-Patricia trie that maps
 * {@code rlp(index)} to the item's encoding. Self-contained so core does not depend on the state module's trie.
 */
public final class OrderedTrieRoot {
  private OrderedTrieRoot() {}

  /** The root for {@code values} in order; {@link Hash#EMPTY_TRIE_ROOT} for an empty list. */
  public static Hash compute(List<byte[]> values) {
    List<byte[]> keys = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).length == 0) {
        throw new IllegalArgumentException("item " + i + " has an empty encoding");
      }
      keys.add(Rlp.encodeLong(i));
    }
    return TrieRoot.of(keys, values);
  }
}
