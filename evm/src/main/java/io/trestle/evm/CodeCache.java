package io.trestle.evm;

import io.trestle.core.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache of analysed code by code hash, so a contract called in every block is
 * read and scanned for jump destinations once. Bounded by total code bytes. Thread-safe (RPC calls and block
 * execution may share one processor); the cache never changes a result, only how fast it is reached.
 */
final class CodeCache {
  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Hash, Code> map = new LinkedHashMap<>(256, 0.75f, true);

  CodeCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized Code get(Hash hash) {
    return map.get(hash);
  }

  synchronized void put(Code code) {
    if (code.size() > maxBytes) {
      return;
    }
    Code prev = map.put(code.hash, code);
    if (prev != null) {
      bytes -= prev.size();
    }
    bytes += code.size();
    var it = map.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<Hash, Code> eldest = it.next();
      bytes -= eldest.getValue().size();
      it.remove();
    }
  }
}
