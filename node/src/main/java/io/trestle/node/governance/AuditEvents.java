package io.trestle.node.governance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.block.Bloom;
import io.trestle.core.block.Log;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiType;
import io.trestle.execution.BlockResults;
import io.trestle.execution.Chain;
import io.trestle.execution.ExecutedTransaction;
import io.trestle.services.governance.GovernanceContract;
import io.trestle.services.governance.store.EventDef;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The governance and supervision events of committed blocks, decoded by name, for the audit stream (ADR 0275).
 * Blocks whose logs bloom cannot hold the governance contract are skipped without reading their receipts.
 */
public final class AuditEvents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Bloom GOVERNANCE = Bloom.EMPTY.add(GovernanceContract.ADDRESS);
  private static final Map<Hash, EventDef> BY_TOPIC = new HashMap<>();

  static {
    for (EventDef e : GovernanceContract.events()) {
      BY_TOPIC.put(e.topic0(), e);
    }
  }

  /** Which events a reader wants: by name (empty: all) and by an address any field of the event holds (null: any). */
  public record Filter(Set<String> names, Address address) {
    public static final Filter ALL = new Filter(Set.of(), null);

    boolean matches(ObjectNode event) {
      if (!names.isEmpty() && !names.contains(event.get("event").asText())) {
        return false;
      }
      if (address == null) {
        return true;
      }
      String hex = address.toChecksumHex();
      for (var it = event.get("fields").elements(); it.hasNext(); ) {
        if (it.next().asText().equalsIgnoreCase(hex)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Every known event name, for validating filters. */
  public static Set<String> names() {
    Set<String> out = new java.util.TreeSet<>();
    BY_TOPIC.values().forEach(e -> out.add(e.name()));
    return out;
  }

  private AuditEvents() {}

  /** The matching events of block {@code number}, in log order; empty when the block is not committed. */
  public static List<ObjectNode> ofBlock(Chain chain, long number, Filter filter) {
    BlockResults results = chain.store().results(number);
    if (results == null || !results.logsBloom().contains(GOVERNANCE)) {
      return List.of();
    }
    Hash hash = chain.blockHash(number);
    List<ExecutedTransaction> executed = hash == null ? null : chain.store().executed(number, hash);
    if (executed == null) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    for (ExecutedTransaction e : executed) {
      List<Log> logs = e.receipt().logs();
      for (int i = 0; i < logs.size(); i++) {
        Log log = logs.get(i);
        if (!log.address().equals(GovernanceContract.ADDRESS) || log.topics().isEmpty()) {
          continue;
        }
        ObjectNode event = decode(log);
        if (event == null) {
          continue;
        }
        event.put("block", number).put("blockHash", hash.toHex()).put("transactionHash", e.hash().toHex())
            .put("sender", e.sender().toChecksumHex()).put("logIndex", e.logIndexStart() + i)
            .put("timestampMs", chain.store().header(number).timestampMs());
        if (filter.matches(event)) {
          out.add(event);
        }
      }
    }
    return out;
  }

  /** {@code {"event": name, "fields": {...}}} or null for a log no governance event matches. */
  static ObjectNode decode(Log log) {
    EventDef def = BY_TOPIC.get(log.topics().get(0));
    if (def == null) {
      return null;
    }
    List<AbiType> types = def.abi().types();
    List<Boolean> indexed = def.abi().indexed();
    List<AbiType> dataTypes = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      if (!indexed.get(i)) {
        dataTypes.add(types.get(i));
      }
    }
    List<Object> data;
    try {
      data = AbiCodec.decode(dataTypes, log.data());
    } catch (AbiException e) {
      return null;
    }
    ObjectNode fields = NODES.objectNode();
    int topic = 1;
    int datum = 0;
    for (int i = 0; i < types.size(); i++) {
      Object value;
      if (indexed.get(i)) {
        if (topic >= log.topics().size()) {
          return null;
        }
        value = topicValue(types.get(i), log.topics().get(topic++));
      } else {
        value = data.get(datum++);
      }
      fields.put(def.names().get(i), text(value));
    }
    ObjectNode event = NODES.objectNode();
    event.put("event", def.name());
    event.set("fields", fields);
    return event;
  }

  private static Object topicValue(AbiType type, Hash topic) {
    byte[] b = topic.toArray();
    return switch (type.kind()) {
      case ADDRESS -> Address.wrap(java.util.Arrays.copyOfRange(b, 12, 32));
      case UINT -> new BigInteger(1, b);
      case BOOL -> b[31] != 0;
      case FIXED_BYTES -> Bytes.wrap(java.util.Arrays.copyOf(b, type.size()));
      default -> Bytes.wrap(b);
    };
  }

  private static String text(Object v) {
    if (v instanceof Address a) {
      return a.toChecksumHex();
    }
    if (v instanceof Bytes b) {
      return b.toHex();
    }
    return String.valueOf(v);
  }
}
