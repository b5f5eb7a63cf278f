package io.trestle.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Keccak-256 (original padding) against the Keccak team's known-answer files. */
class KeccakConformanceTest {
  private record Kat(int bits, String message, String digest) {}

  @Test
  void hashesEveryShortMessageLikeTheKeccakTeam() throws IOException {
    runKatFile("crypto/keccak/ShortMsgKAT_256.txt");
  }

  @Test
  void hashesEveryLongMessageLikeTheKeccakTeam() throws IOException {
    runKatFile("crypto/keccak/LongMsgKAT_256.txt");
  }

  @Test
  void hashesOneGibibyteStreamedThroughTheIncrementalHasher() throws IOException {
    String file = "crypto/keccak/ExtremelyLongMsgKAT_256.txt";
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    List<String> lines = Files.readAllLines(ConformanceVectors.path(file));
    long repeat = Long.parseLong(value(lines, "Repeat"));
    byte[] text = value(lines, "Text").getBytes(StandardCharsets.US_ASCII);
    String expected = value(lines, "MD").toLowerCase(Locale.ROOT);
    run.check("Repeat=" + repeat, () -> {
      // Repeating the text inside a larger buffer changes nothing in the stream and saves 16M calls.
      int copies = 1024;
      assertEquals(0, repeat % copies, "repeat count must be a multiple of the chunk copies");
      byte[] chunk = new byte[text.length * copies];
      for (int i = 0; i < copies; i++) {
        System.arraycopy(text, 0, chunk, i * text.length, text.length);
      }
      Hasher hasher = Keccak256.newHasher();
      for (long done = 0; done < repeat; done += copies) {
        hasher.update(chunk);
      }
      assertEquals(expected, Hex.encode(hasher.digest()));
    });
    run.assertOnlyDocumentedExclusions();
  }

  @Test
  void matchesTheQuickVectorsAndDiffersFromSha3() {
    String file = "crypto/keccak/keccak256-index.json";
    JsonNode index = ConformanceVectors.json(file);
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    for (JsonNode v : index.get("quick_vectors")) {
      run.check(v.get("from").asText(), () ->
          assertEquals(v.get("keccak256").asText(), Hex.encode(Keccak256.hash(Hex.decode(v.get("input_hex").asText())))));
    }
    run.check("contrast", () ->
        assertNotEquals(index.get("contrast").get("sha3_256_of_empty").asText(), Hex.encode(Keccak256.hash(new byte[0]))));
    run.assertOnlyDocumentedExclusions();
  }

  private static void runKatFile(String file) throws IOException {
    ConformanceVectors.Run run = new ConformanceVectors.Run(file);
    List<Kat> kats = parse(Files.readAllLines(ConformanceVectors.path(file)));
    for (Kat kat : kats) {
      run.check("Len=" + kat.bits(), () -> {
        assertEquals(0, kat.bits() % 8, "only whole-byte messages are hashed");
        byte[] message = kat.bits() == 0 ? new byte[0] : Hex.decode(kat.message());
        assertEquals(kat.bits() / 8, message.length);
        assertEquals(kat.digest(), Hex.encode(Keccak256.hash(message)));
        Hasher split = Keccak256.newHasher().update(message, 0, message.length / 3);
        split.update(message, message.length / 3, message.length - message.length / 3);
        assertEquals(kat.digest(), Hex.encode(split.digest()));
      });
    }
    run.assertOnlyDocumentedExclusions();
  }

  private static List<Kat> parse(List<String> lines) {
    List<Kat> kats = new ArrayList<>();
    Integer bits = null;
    String message = null;
    for (String line : lines) {
      String[] parts = line.split("=", 2);
      if (parts.length != 2) {
        continue;
      }
      String key = parts[0].trim();
      String val = parts[1].trim();
      switch (key) {
        case "Len" -> bits = Integer.parseInt(val);
        case "Msg" -> message = val;
        case "MD" -> {
          kats.add(new Kat(bits, message, val.toLowerCase(Locale.ROOT)));
          bits = null;
          message = null;
        }
        default -> { }
      }
    }
    return kats;
  }

  private static String value(List<String> lines, String key) {
    for (String line : lines) {
      String[] parts = line.split("=", 2);
      if (parts.length == 2 && parts[0].trim().equals(key)) {
        return parts[1].trim();
      }
    }
    throw new IllegalStateException("no " + key + " line");
  }
}
