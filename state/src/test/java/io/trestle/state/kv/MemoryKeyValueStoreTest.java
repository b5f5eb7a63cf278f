package io.trestle.state.kv;

import java.nio.file.Path;

class MemoryKeyValueStoreTest extends KeyValueStoreContract {
  @Override
  KeyValueStore open(Path directory) {
    return new MemoryKeyValueStore();
  }
}
