package io.trestle.rpc.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.core.Hash;
import io.trestle.core.tx.AccessListEntry;
import io.trestle.core.tx.Transaction;
import io.trestle.evm.abi.AbiCodec;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.abi.AbiType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** eth_createAccessList against Solidity contracts: what the list holds, and that its gas is what a transaction pays. */
class AccessListApiTest {
  private final TraceApiTest contracts = new TraceApiTest();
  private TestChain c;
  private Address token;
  private Address collectible;

  @BeforeEach
  void deploy() throws Exception {
    contracts.deployContracts();
    c = contracts.c;
    token = contracts.token;
    collectible = contracts.collectible;
  }

  ObjectNode callTo(Address to, Bytes data) {
    ObjectNode call = TestChain.JSON.createObjectNode().put("from", TestChain.SENDER_ADDRESS.toHex())
        .put("data", data.toHex());
    if (to != null) {
      call.put("to", to.toHex());
    }
    return call;
  }

  static Set<String> keys(JsonNode entry) {
    Set<String> out = new TreeSet<>();
    entry.get("storageKeys").forEach(k -> out.add(k.asText()));
    return out;
  }

  static List<AccessListEntry> parse(JsonNode list) {
    List<AccessListEntry> out = new ArrayList<>();
    for (JsonNode e : list) {
      List<Hash> keys = new ArrayList<>();
      e.get("storageKeys").forEach(k -> keys.add(Hash.fromHex(k.asText())));
      out.add(new AccessListEntry(Address.fromHex(e.get("address").asText()), keys));
    }
    return out;
  }

  @Test
  void erc20TransferListsTheTokenWithBothBalanceSlotsAtTheGasATransactionPays() throws Exception {
    Bytes data = TraceApiTest.transfer(TraceApiTest.BOB, 500);
    JsonNode answer = c.call("eth_createAccessList", callTo(token, data), "latest");
    assertFalse(answer.has("error"), answer.toString());
    JsonNode list = answer.get("accessList");
    assertEquals(1, list.size(), "the sender is left out; the token is there for its slots: " + list);
    assertEquals(token.toHex(), list.get(0).get("address").asText());
    assertEquals(Set.of(TraceApiTest.balanceSlot(TestChain.SENDER_ADDRESS).toHex(),
        TraceApiTest.balanceSlot(TraceApiTest.BOB).toHex()), keys(list.get(0)));

    Transaction withList = c.send(token, data, 200_000, parse(list));
    JsonNode receipt = contracts.mined(withList);
    assertEquals("0x1", receipt.get("status").asText());
    assertEquals(answer.get("gasUsed").asText(), receipt.get("gasUsed").asText(),
        "a transaction sent with the list uses the gas the answer reported");
  }

  @Test
  void aCallThatReachesAnotherContractListsItAndReportsTheRevert() throws Exception {
    Bytes data = AbiFunction.parse("safeTransferFrom(address,address,uint256)")
        .encodeCall(TestChain.SENDER_ADDRESS, token, BigInteger.ONE);
    JsonNode answer = c.call("eth_createAccessList", callTo(collectible, data));
    assertEquals("execution reverted: " + TraceApiTest.NOT_ACCEPTED, answer.get("error").asText());
    List<String> addresses = new ArrayList<>();
    answer.get("accessList").forEach(e -> addresses.add(e.get("address").asText()));
    assertTrue(addresses.contains(token.toHex()), "the receiver the collectible called: " + addresses);
    assertTrue(addresses.contains(collectible.toHex()), "the collectible, for its slots: " + addresses);
    assertFalse(addresses.contains(TestChain.SENDER_ADDRESS.toHex()));
    for (JsonNode e : answer.get("accessList")) {
      if (e.get("address").asText().equals(token.toHex())) {
        assertEquals(0, e.get("storageKeys").size(), "the token reverted before reading storage");
      }
    }
  }

  @Test
  void aCreationKeepsTheSlotsOfTheNewContractButNotItsAddressAlone() throws Exception {
    Bytes code = TestChain.bytecode("TestToken").concat(AbiCodec.encode(
        List.of(AbiType.STRING, AbiType.STRING, AbiType.UINT256), List.of("C", "C", BigInteger.TEN)));
    JsonNode answer = c.call("eth_createAccessList", callTo(null, code));
    assertFalse(answer.has("error"), answer.toString());
    long nonce = Long.decode(c.call("eth_getTransactionCount", TestChain.SENDER_ADDRESS.toHex(), "latest").asText());
    Address created = AccessListApi.createdAddress(TestChain.SENDER_ADDRESS, nonce);
    JsonNode list = answer.get("accessList");
    assertEquals(1, list.size(), list.toString());
    assertEquals(created.toHex(), list.get(0).get("address").asText());
    assertTrue(keys(list.get(0)).contains(TraceApiTest.balanceSlot(TestChain.SENDER_ADDRESS).toHex()));

    JsonNode receipt = contracts.mined(c.send(null, code, 5_000_000, parse(list)));
    assertEquals(created.toHex(), receipt.get("contractAddress").asText(), "the same address the list was built for");
    assertEquals(answer.get("gasUsed").asText(), receipt.get("gasUsed").asText());
  }

  @Test
  void aGivenListSeedsTheAnswer() throws Exception {
    Address unrelated = Address.ofLong(0x5eed);
    ObjectNode call = callTo(token, TraceApiTest.transfer(TraceApiTest.BOB, 1));
    ArrayNode given = call.putArray("accessList");
    given.addObject().put("address", unrelated.toHex()).putArray("storageKeys").add("0x" + "00".repeat(31) + "07");
    JsonNode list = c.call("eth_createAccessList", call, "latest").get("accessList");
    assertEquals(unrelated.toHex(), list.get(0).get("address").asText());
    assertEquals(Set.of("0x" + "00".repeat(31) + "07"), keys(list.get(0)));
    assertEquals(2, list.size());
  }

  @Test
  void malformedCallsAreInvalidParams() throws Exception {
    ObjectNode badList = callTo(token, Bytes.EMPTY);
    badList.put("accessList", "everything");
    ObjectNode badKey = callTo(token, Bytes.EMPTY);
    badKey.putArray("accessList").addObject().put("address", token.toHex()).putArray("storageKeys").add("0x12");
    List<Object[]> bad = List.of(
        new Object[] {},
        new Object[] {"0x1234"},
        new Object[] {badList},
        new Object[] {badKey},
        new Object[] {callTo(token, Bytes.EMPTY).put("gas", "lots")},
        new Object[] {callTo(token, Bytes.EMPTY), "latest", "extra"});
    for (Object[] params : bad) {
      JsonNode r = c.response("eth_createAccessList", params);
      assertEquals(-32602, r.get("error").get("code").asInt(), java.util.Arrays.toString(params) + " -> " + r);
    }
    JsonNode future = c.response("eth_createAccessList", callTo(token, Bytes.EMPTY), "0xffff");
    assertEquals(-32000, future.get("error").get("code").asInt());
    JsonNode broke = c.response("eth_createAccessList", callTo(token, Bytes.EMPTY).put("from", "0x" + "77".repeat(20))
        .put("gasPrice", "0x3b9aca00"));
    assertEquals(-32000, broke.get("error").get("code").asInt(), "a sender who cannot pay cannot run: " + broke);
    assertTrue(broke.get("error").get("message").asText().contains("insufficient funds"), broke.toString());
  }
}
