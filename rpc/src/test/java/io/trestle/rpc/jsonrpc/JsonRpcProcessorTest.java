package io.trestle.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonRpcProcessorTest {
  private final JsonRpcProcessor processor = new JsonRpcProcessor(3)
      .register("echo", p -> p.required(0, "value"))
      .register("fail", p -> {
        throw RpcException.server("nonce too low");
      })
      .register("boom", p -> {
        throw new IllegalStateException("bug");
      });

  private JsonNode call(String body) {
    return processor.handle(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void answersSingleCallWithSameId() {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"hi\"]}");
    assertEquals(7, r.get("id").asInt());
    assertEquals("hi", r.get("result").asText());
  }

  @Test
  void reportsParseErrorForInvalidJson() {
    assertEquals(-32700, call("{not json").get("error").get("code").asInt());
  }

  @Test
  void reportsInvalidRequestWithoutVersionOrMethod() {
    assertEquals(-32600, call("{\"id\":1,\"method\":\"echo\"}").get("error").get("code").asInt());
    assertEquals(-32600, call("{\"jsonrpc\":\"2.0\",\"id\":1}").get("error").get("code").asInt());
    assertEquals(-32600, call("42").get("error").get("code").asInt());
    assertEquals(-32600, call("[]").get("error").get("code").asInt());
  }

  @Test
  void reportsUnknownMethod() {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"eth_nope\"}");
    assertEquals(-32601, r.get("error").get("code").asInt());
    assertEquals("a", r.get("id").asText());
  }

  @Test
  void reportsMissingParams() {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[]}");
    assertEquals(-32602, r.get("error").get("code").asInt());
    assertTrue(r.get("error").get("message").asText().contains("missing parameter 0"));
  }

  @Test
  void passesServerErrorsAndHidesBugsAsInternalErrors() {
    assertEquals(-32000, call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fail\"}").get("error").get("code").asInt());
    assertEquals(-32603, call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"boom\"}").get("error").get("code").asInt());
  }

  @Test
  void answersBatchesInOrderAndSkipsNotifications() {
    JsonNode r = call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[2]},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"}]");
    assertEquals(2, r.size());
    assertEquals(1, r.get(0).get("result").asInt());
    assertEquals(-32601, r.get(1).get("error").get("code").asInt());
  }

  @Test
  void refusesBatchOverTheLimit() {
    String one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}";
    JsonNode r = call("[" + one + "," + one + "," + one + "," + one + "]");
    assertEquals(RpcException.LIMIT_EXCEEDED, r.get("error").get("code").asInt());
  }

  @Test
  void answersNothingToANotification() {
    assertNull(call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1]}"));
  }

  @Test
  void refusesNamedParams() {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"a\":1}}");
    assertEquals(-32602, r.get("error").get("code").asInt());
  }

  @Property(tries = 2000)
  void randomBytesAlwaysGiveAWellFormedAnswer(@ForAll byte[] body) {
    JsonNode r = processor.handle(body);
    if (r != null) {
      assertNotNull(r.isArray() ? r : r.get("jsonrpc"));
    }
  }

  @Property(tries = 2000)
  void randomStringsAsParamsNeverEscape(@ForAll String s) {
    JsonNode r = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[" + TextNode.valueOf(s) + "]}");
    assertEquals(s, r.get("result").asText());
  }
}
