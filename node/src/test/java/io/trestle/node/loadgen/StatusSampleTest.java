package io.trestle.node.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusSampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void samplesOnlyCommittedTransactionsSpreadOverTheWholeRun() {
    long[] committedNs = new long[10];
    for (int i : new int[] {1, 2, 4, 7, 9}) {
      committedNs[i] = 1_000 + i;
    }
    assertArrayEquals(new int[] {1, 2, 4, 7, 9}, LoadGenerator.statusSample(10, i -> committedNs[i], 200));
    assertArrayEquals(new int[] {1, 2, 7}, LoadGenerator.statusSample(10, i -> committedNs[i], 3));
    assertEquals(0, LoadGenerator.statusSample(10, i -> 0, 200).length);
  }

  @Test
  void takesEvenlySpacedTransactionsOfALargeRun() {
    int[] sample = LoadGenerator.statusSample(100_000, i -> 1, 200);
    assertEquals(200, sample.length);
    assertEquals(0, sample[0]);
    assertEquals(99_500, sample[199]);
    for (int k = 1; k < sample.length; k++) {
      assertEquals(500, sample[k] - sample[k - 1]);
    }
  }

  @Test
  void countsRevertedAndOutOfGasReceiptsButNotMissingOnes() throws Exception {
    List<JsonNode> answers = new ArrayList<>();
    answers.add(JSON.readTree("{\"id\":1,\"result\":{\"status\":\"0x1\",\"gasUsed\":\"0x24d7f\"}}"));
    answers.add(JSON.readTree("{\"id\":2,\"result\":{\"status\":\"0x0\",\"gasUsed\":\"0x29810\"}}"));
    answers.add(JSON.readTree("{\"id\":3,\"result\":null}"));
    answers.add(JSON.readTree("{\"id\":4,\"error\":{\"code\":-32000,\"message\":\"busy\"}}"));
    answers.add(JSON.readTree("{\"id\":5,\"result\":{\"status\":\"0x0\"}}"));
    assertEquals(2, LoadGenerator.failedStatuses(answers));
  }
}
