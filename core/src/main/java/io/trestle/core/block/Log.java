package io.trestle.core.block;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.rlp.Rlp;
import io.trestle.core.rlp.RlpException;
import io.trestle.core.rlp.RlpItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An event emitted by a contract: its address, up to four topics (LOG0..LOG4) and opaque data. */
public record Log(Address address, List<Hash> topics, Bytes data) {
  public static final int TOPICS_MAX = 4;

  public Log {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(data, "data");
    topics = List.copyOf(topics);
    if (topics.size() > TOPICS_MAX) {
      throw new IllegalArgumentException("a log has at most " + TOPICS_MAX + " topics, got " + topics.size());
    }
  }

  /** rlp([address, [topic…], data]), as in receipts. */
  public byte[] encode() {
    Rlp.ListBuilder topicList = Rlp.list();
    for (Hash topic : topics) {
      topicList.addBytes(topic.unsafeArray());
    }
    return Rlp.list().addBytes(address.unsafeArray()).addEncoded(topicList.build()).addBytes(data.unsafeArray()).build();
  }

  /** rlp of a list of logs: what the state tests' {@code logs} hash is the Keccak-256 of. */
  public static byte[] encodeList(List<Log> logs) {
    Rlp.ListBuilder list = Rlp.list();
    for (Log log : logs) {
      list.addEncoded(log.encode());
    }
    return list.build();
  }

  public static Log decode(byte[] encoded) throws RlpException {
    return fromRlp(Rlp.decode(encoded));
  }

  static Log fromRlp(RlpItem item) throws RlpException {
    if (!item.isList()) {
      throw new RlpException("log must be a list [address, topics, data]");
    }
    List<RlpItem> fields = item.items(3, "log");
    Address address = fields.get(0).asAddress();
    RlpItem topicItems = fields.get(1);
    if (!topicItems.isList()) {
      throw new RlpException("log topics must be a list");
    }
    if (topicItems.items().size() > TOPICS_MAX) {
      throw new RlpException("log has " + topicItems.items().size() + " topics, at most " + TOPICS_MAX);
    }
    List<Hash> topics = new ArrayList<>(topicItems.items().size());
    for (RlpItem topic : topicItems.items()) {
      topics.add(topic.asHash());
    }
    return new Log(address, topics, fields.get(2).asBytes());
  }
}
