package io.trestle.node.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Errors counted by message, with addresses, hashes and numbers masked so that "nonce too low" for ten thousand
 * transactions is one line, not ten thousand. At most {@link #MESSAGES_MAX} distinct messages; the rest are
 * counted under "other".
 */
final class ErrorTally {
  static final int MESSAGES_MAX = 50;
  static final int MESSAGE_CHARS_MAX = 160;
  private static final Pattern HEX_OR_NUMBER = Pattern.compile("0x[0-9a-fA-F]+|\\d+");

  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String message) {
    add(message, 1);
  }

  void add(String message, long times) {
    String key = normalise(message);
    LongAdder counter = counts.get(key);
    if (counter == null) {
      key = counts.size() >= MESSAGES_MAX ? "other" : key;
      counter = counts.computeIfAbsent(key, k -> new LongAdder());
    }
    counter.add(times);
  }

  static String normalise(String message) {
    String m = message == null ? "(no message)" : message;
    m = HEX_OR_NUMBER.matcher(m).replaceAll(r -> r.group().startsWith("0x") ? "0x.." : "N");
    return m.length() > MESSAGE_CHARS_MAX ? m.substring(0, MESSAGE_CHARS_MAX) + "..." : m;
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Messages with their counts, most frequent first. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
    return out;
  }
}
