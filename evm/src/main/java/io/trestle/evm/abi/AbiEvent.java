package io.trestle.evm.abi;

import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A contract event, parsed from a declaration such as {@code Incremented(address indexed caller, uint256 value)}.
 * Encodes values into the topics and data of a log: topic 0 is the signature hash, indexed static values are
 * topics as their 32-byte encoding, indexed {@code string}/{@code bytes} as the keccak256 of their content,
 * non-indexed values form the data. Indexed arrays and tuples are not supported.
 */
public record AbiEvent(String name, List<AbiType> types, List<Boolean> indexed) {
  /**
   * Topic 0 per event, so emitting a log does not hash the signature again (a 1,000-token mint batch emits 1,000
   * logs of one event). Events are declared in code, so few exist; past the limit topics are simply not kept.
   */
  private static final Map<AbiEvent, Hash> TOPICS = new ConcurrentHashMap<>();
  private static final int TOPICS_KEPT_MAX = 4096;

  public AbiEvent {
    types = List.copyOf(types);
    indexed = List.copyOf(indexed);
    if (types.size() != indexed.size()) {
      throw new IllegalArgumentException("types and indexed flags differ in length");
    }
  }

  /** Topics and data of one log. */
  public record Encoded(List<Hash> topics, Bytes data) {}

  public static AbiEvent parse(String declaration) throws AbiException {
    int open = declaration.indexOf('(');
    if (open <= 0 || !declaration.endsWith(")")) {
      throw new AbiException("event declaration must look like Name(params...): " + declaration);
    }
    List<AbiType> types = new ArrayList<>();
    List<Boolean> indexed = new ArrayList<>();
    int count = 0;
    for (String p : AbiType.splitTopLevel(declaration.substring(open + 1, declaration.length() - 1))) {
      String param = p.strip();
      boolean isIndexed = param.matches(".*\\sindexed(\\s.*)?");
      AbiType t = AbiType.parse(AbiFunction.stripName(param));
      if (isIndexed) {
        count++;
        if (t.kind() == AbiType.Kind.ARRAY || t.kind() == AbiType.Kind.TUPLE) {
          throw new AbiException("indexed arrays and tuples are not supported: " + param);
        }
      }
      types.add(t);
      indexed.add(isIndexed);
    }
    if (count > 3) {
      throw new AbiException("an event has at most 3 indexed parameters: " + declaration);
    }
    return new AbiEvent(declaration.substring(0, open).strip(), types, indexed);
  }

  public String signature() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < types.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(types.get(i).canonical());
    }
    return sb.append(')').toString();
  }

  public Hash topic0() {
    Hash topic = TOPICS.get(this);
    if (topic == null) {
      topic = Abi.eventTopic(signature());
      if (TOPICS.size() < TOPICS_KEPT_MAX) {
        TOPICS.put(this, topic);
      }
    }
    return topic;
  }

  public Encoded encode(Object... values) throws AbiException {
    if (values.length != types.size()) {
      throw new AbiException(signature() + " takes " + types.size() + " values, got " + values.length);
    }
    List<Hash> topics = new ArrayList<>();
    topics.add(topic0());
    List<AbiType> dataTypes = new ArrayList<>();
    List<Object> dataValues = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      AbiType t = types.get(i);
      if (!indexed.get(i)) {
        dataTypes.add(t);
        dataValues.add(values[i]);
      } else if (t.kind() == AbiType.Kind.STRING) {
        if (!(values[i] instanceof String s)) {
          throw new AbiException("indexed string value must be a String");
        }
        topics.add(Hash.keccak(s.getBytes(StandardCharsets.UTF_8)));
      } else if (t.kind() == AbiType.Kind.BYTES) {
        if (!(values[i] instanceof Bytes b)) {
          throw new AbiException("indexed bytes value must be Bytes");
        }
        topics.add(Hash.keccak(b.unsafeArray()));
      } else {
        topics.add(Hash.wrap(AbiCodec.encode(List.of(t), List.of(values[i])).toArray()));
      }
    }
    return new Encoded(topics, AbiCodec.encode(dataTypes, dataValues));
  }
}
