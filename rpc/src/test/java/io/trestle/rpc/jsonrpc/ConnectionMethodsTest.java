package io.trestle.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionMethodsTest {
  @Test
  void connectionMethodsTakePrecedenceInSinglesAndBatches() {
    JsonRpcProcessor p = new JsonRpcProcessor(10);
    p.register("eth_subscribe", params -> {
      throw new RpcException(RpcException.METHOD_NOT_FOUND, "needs a WebSocket");
    });
    p.register("eth_chainId", params -> TextNode.valueOf("0x1"));
    Map<String, RpcMethod> local = Map.of("eth_subscribe", params -> TextNode.valueOf("0xabc"));
    byte[] single = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"
        .getBytes(StandardCharsets.UTF_8);
    assertEquals("0xabc", p.handle(single, local).get("result").asText());
    assertEquals(-32601, p.handle(single).get("error").get("code").asInt());
    byte[] batch = ("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_chainId\"}]").getBytes(StandardCharsets.UTF_8);
    JsonNode answers = p.handle(batch, local);
    assertEquals("0xabc", answers.get(0).get("result").asText());
    assertEquals("0x1", answers.get(1).get("result").asText());
  }
}
