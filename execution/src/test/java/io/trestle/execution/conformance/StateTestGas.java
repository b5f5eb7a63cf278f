package io.trestle.execution.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.tx.Transaction;
import io.trestle.crypto.EthereumSuite;
import io.trestle.crypto.Hex;
import io.trestle.evm.TransactionProcessor;
import io.trestle.evm.TxResult;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Runs each case of one state-test file several times and prints gas used and Mgas/s: a rough interpreter probe. */
final class StateTestGas {
  private StateTestGas() {}

  public static void main(String[] args) throws Exception {
    JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    TransactionProcessor processor = new TransactionProcessor();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> test = it.next();
      JsonNode posts = test.getValue().path("post").path("Cancun");
      for (int i = 0; i < posts.size(); i++) {
        Transaction tx = Transaction.decode(Hex.decode(posts.get(i).get("txbytes").asText()), EthereumSuite.INSTANCE);
        for (int r = 0; r < reps; r++) {
          StateTestWorld world = StateTestWorld.fromPre(test.getValue().get("pre"));
          long t0 = System.nanoTime();
          TxResult res = processor.process(
              StateTestRunner.toMessage(tx), StateTestRunner.env(test.getValue().get("env")), world);
          long ns = System.nanoTime() - t0;
          System.out.printf("%s#%d gas %d in %.1f ms = %.1f Mgas/s (%s)%n", test.getKey(), i, res.gasUsed(), ns / 1e6,
              res.gasUsed() * 1e3 / ns, res.status());
        }
      }
    }
  }
}
