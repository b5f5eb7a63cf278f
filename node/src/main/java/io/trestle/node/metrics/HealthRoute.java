package io.trestle.node.metrics;

import io.trestle.execution.Chain;
import io.trestle.rpc.http.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code GET /health} (the process serves: liveness) and {@code GET /ready} (the node follows the chain: its head is
 * younger than {@code staleAfterMs} and it is not syncing).
 */
public final class HealthRoute implements HttpRoute {
  private final Chain chain;
  private final LongSupplier clockMs;
  private final long staleAfterMs;
  private final BooleanSupplier syncing;

  public HealthRoute(Chain chain, LongSupplier clockMs, long staleAfterMs, BooleanSupplier syncing) {
    this.chain = chain;
    this.clockMs = clockMs;
    this.staleAfterMs = staleAfterMs;
    this.syncing = syncing;
  }

  @Override
  public boolean matches(String method, String path) {
    return method.equals("GET") && (path.equals("/health") || path.equals("/ready"));
  }

  @Override
  public HttpAnswer handle(String method, String path, String query, byte[] body) {
    long head = chain.head().number();
    long ageMs = clockMs.getAsLong() - chain.head().header().timestampMs();
    if (path.equals("/health")) {
      return HttpAnswer.json(200, ("{\"status\":\"UP\",\"height\":" + head + "}").getBytes(StandardCharsets.UTF_8));
    }
    boolean ready = ageMs <= staleAfterMs && !syncing.getAsBoolean();
    String json = "{\"ready\":" + ready + ",\"height\":" + head + ",\"headAgeMs\":" + ageMs
        + ",\"syncing\":" + syncing.getAsBoolean() + "}";
    return HttpAnswer.json(ready ? 200 : 503, json.getBytes(StandardCharsets.UTF_8));
  }
}
