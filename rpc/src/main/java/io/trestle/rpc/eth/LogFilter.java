package io.trestle.rpc.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Bloom;
import io.trestle.core.block.Log;
import io.trestle.rpc.jsonrpc.RpcException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A log filter as eth_getLogs, eth_newFilter and eth_subscribe("logs") take it: addresses (any of them), topics by
 * position (null = any; an array = any of these), and a block range or one block hash. Matching follows geth: a
 * log with fewer topics than the filter has positions never matches, even when the extra positions are wildcards.
 *
 * @param fromBlock first block, or {@link #LATEST} (resolved when used); ignored when {@code blockHash} is set
 * @param toBlock last block, or {@link #LATEST} (the head when used, or open-ended for filters)
 * @param blockHash one block instead of a range, or null
 * @param addresses empty for any address
 * @param topics per position, an empty set for any topic
 */
public record LogFilter(long fromBlock, long toBlock, Hash blockHash, Set<Address> addresses, List<Set<Hash>> topics) {
  /** The head at the time the filter is used. */
  public static final long LATEST = -1;
  private static final List<String> FIELDS = List.of("fromBlock", "toBlock", "blockHash", "address", "topics");

  public LogFilter {
    addresses = Set.copyOf(addresses);
    topics = List.copyOf(topics.stream().map(Set::copyOf).toList());
    if (topics.size() > Log.TOPICS_MAX) {
      throw new IllegalArgumentException("at most " + Log.TOPICS_MAX + " topic positions, got " + topics.size());
    }
  }

  /** Parses a filter object; every failure names the field. {@code allowRange} false refuses fromBlock/toBlock/blockHash. */
  public static LogFilter parse(JsonNode node, RpcLimits limits) throws RpcException {
    if (node == null || node.isNull()) {
      return new LogFilter(LATEST, LATEST, null, Set.of(), List.of());
    }
    if (!node.isObject()) {
      throw RpcException.invalidParams("filter must be an object with address, topics, fromBlock, toBlock or blockHash");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw RpcException.invalidParams("filter has an unknown field '" + abbreviate(field) + "'; known: " + FIELDS);
      }
    }
    Hash blockHash = null;
    if (node.hasNonNull("blockHash")) {
      if (node.hasNonNull("fromBlock") || node.hasNonNull("toBlock")) {
        throw RpcException.invalidParams("filter: blockHash cannot be combined with fromBlock or toBlock");
      }
      blockHash = Json.parseHash(node.get("blockHash"), "filter.blockHash");
    }
    long from = blockRef(node.get("fromBlock"), "filter.fromBlock");
    long to = blockRef(node.get("toBlock"), "filter.toBlock");
    if (from != LATEST && to != LATEST && from > to) {
      throw RpcException.invalidParams("filter: fromBlock " + from + " is after toBlock " + to);
    }
    return new LogFilter(from, to, blockHash, addresses(node.get("address"), limits), topics(node.get("topics"), limits));
  }

  /** A block number, or {@link #LATEST} for latest/pending/safe/finalized/absent; earliest is block 0. */
  static long blockRef(JsonNode node, String what) throws RpcException {
    if (node == null || node.isNull()) {
      return LATEST;
    }
    if (!node.isTextual()) {
      throw RpcException.invalidParams(what + " must be a block tag or a hex block number");
    }
    return switch (node.asText()) {
      case "latest", "pending", "safe", "finalized" -> LATEST;
      case "earliest" -> 0;
      default -> Json.parseLong(node, what);
    };
  }

  private static Set<Address> addresses(JsonNode node, RpcLimits limits) throws RpcException {
    Set<Address> out = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      out.add(Json.parseAddress(node, "filter.address"));
      return out;
    }
    if (!node.isArray()) {
      throw RpcException.invalidParams("filter.address must be an address or an array of addresses");
    }
    if (node.size() > limits.addressesMax()) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED,
          "filter.address lists " + node.size() + " addresses; the limit is " + limits.addressesMax());
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(Json.parseAddress(node.get(i), "filter.address[" + i + "]"));
    }
    return out;
  }

  private static List<Set<Hash>> topics(JsonNode node, RpcLimits limits) throws RpcException {
    List<Set<Hash>> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw RpcException.invalidParams("filter.topics must be an array");
    }
    if (node.size() > Log.TOPICS_MAX) {
      throw RpcException.invalidParams("filter.topics has " + node.size() + " positions; logs have at most " + Log.TOPICS_MAX);
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode position = node.get(i);
      Set<Hash> alternatives = new LinkedHashSet<>();
      String what = "filter.topics[" + i + "]";
      if (position.isArray()) {
        if (position.size() > limits.topicAlternativesMax()) {
          throw new RpcException(RpcException.LIMIT_EXCEEDED,
              what + " lists " + position.size() + " alternatives; the limit is " + limits.topicAlternativesMax());
        }
        for (int j = 0; j < position.size(); j++) {
          JsonNode t = position.get(j);
          if (t.isNull()) {
            alternatives.clear();
            break;
          }
          alternatives.add(Json.parseHash(t, what + "[" + j + "]"));
        }
      } else if (!position.isNull()) {
        alternatives.add(Json.parseHash(position, what));
      }
      out.add(alternatives);
    }
    return out;
  }

  /** Precomputes the bloom bits of every address and topic, so checking a block's bloom hashes nothing. */
  public BloomMask bloomMask() {
    List<Bloom> addressBits = addresses.stream().map(Bloom.EMPTY::add).toList();
    List<List<Bloom>> topicBits = topics.stream().map(p -> p.stream().map(Bloom.EMPTY::add).toList()).toList();
    return new BloomMask(addressBits, topicBits);
  }

  /** The bloom bits a block must have for this filter to possibly match one of its logs. */
  public static final class BloomMask {
    private final List<Bloom> addresses;
    private final List<List<Bloom>> topics;

    private BloomMask(List<Bloom> addresses, List<List<Bloom>> topics) {
      this.addresses = addresses;
      this.topics = topics;
    }

    /** False is certain: no log of a block with this bloom matches. */
    public boolean mightMatch(Bloom bloom) {
      if (!addresses.isEmpty() && addresses.stream().noneMatch(bloom::contains)) {
        return false;
      }
      for (List<Bloom> position : topics) {
        if (!position.isEmpty() && position.stream().noneMatch(bloom::contains)) {
          return false;
        }
      }
      return true;
    }
  }

  public boolean matches(Log log) {
    if (!addresses.isEmpty() && !addresses.contains(log.address())) {
      return false;
    }
    if (topics.size() > log.topics().size()) {
      return false;
    }
    for (int i = 0; i < topics.size(); i++) {
      Set<Hash> position = topics.get(i);
      if (!position.isEmpty() && !position.contains(log.topics().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
