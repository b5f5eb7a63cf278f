package io.trestle.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trestle.core.Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void tokenBucketAllowsItsBurstThenAsksToWaitForTheDebt() {
    TokenBucket bucket = new TokenBucket(100, 100, 0);
    for (int i = 0; i < 100; i++) {
      assertEquals(0, bucket.take(1, 0), "within the burst");
    }
    assertEquals(SECOND / 100, bucket.take(1, 0), "one token into debt at 100/s is 10 ms");
    assertEquals(0, bucket.take(1, SECOND), "a second later the bucket has refilled");
  }

  @Test
  void tokenBucketLetsOneMessageLargerThanItsCapacityThroughAndChargesTheDebt() {
    TokenBucket bytes = new TokenBucket(1000, 1000, 0);
    assertEquals(9 * SECOND, bytes.take(10_000, 0));
    assertTrue(bytes.tokens(9 * SECOND) >= -1e-6 && bytes.tokens(9 * SECOND) <= 1e-6);
  }

  @Test
  void tokenBucketNeverStoresMoreThanItsCapacity() {
    TokenBucket bucket = new TokenBucket(10, 5, 0);
    assertEquals(5.0, bucket.tokens(100 * SECOND), 1e-9);
  }

  @Property
  void backoffStaysWithinJitteredBoundsAndCeiling(@ForAll @IntRange(min = 0, max = 100) int failures,
      @ForAll long seed) {
    long delay = Backoff.delayMs(failures, 250, 30_000, new SplittableRandom(seed));
    long full = Math.min(30_000, 250L << Math.min(failures, 30));
    assertTrue(delay >= full / 2 && delay <= full, "delay " + delay + " for " + failures + " failures");
  }

  @Test
  void banListForgetsBansWhenTheyEnd() throws Exception {
    BanList bans = new BanList();
    Address peer = Address.ofLong(7);
    InetAddress host = InetAddress.getByName("10.0.0.1");
    bans.ban(peer, 100, 0);
    bans.ban(host, 50, 0);
    assertTrue(bans.isBanned(peer, 99_000_000L));
    assertTrue(bans.isBanned(host, 10_000_000L));
    assertFalse(bans.isBanned(host, 50_000_000L));
    assertFalse(bans.isBanned(peer, 100_000_000L));
    assertFalse(bans.isBanned(Address.ofLong(8), 0));
  }

  @Test
  void banListKeepsTheLongerOfTwoBans() {
    BanList bans = new BanList();
    Address peer = Address.ofLong(7);
    bans.ban(peer, 1_000, 0);
    bans.ban(peer, 10, 0);
    assertTrue(bans.isBanned(peer, 500_000_000L));
  }

  @Test
  void parsesPeerEndpointsWithAndWithoutExpectedAddress() throws Exception {
    assertEquals(PeerEndpoint.of("127.0.0.1", 30303), PeerEndpoint.parse("127.0.0.1:30303"));
    Address a = Address.fromHex("0x00000000000000000000000000000000000000aa");
    PeerEndpoint withAddress = PeerEndpoint.parse("0x00000000000000000000000000000000000000aa@node1.example:7000");
    assertEquals(new PeerEndpoint("node1.example", 7000, Optional.of(a)), withAddress);
    assertEquals(withAddress, PeerEndpoint.parse(withAddress.toString()));
    assertEquals(PeerEndpoint.of("::1", 9), PeerEndpoint.parse("[::1]:9"));
  }

  @Test
  void refusesMalformedPeerEndpointsWithTheReason() {
    assertTrue(assertThrows(PeerEndpointException.class, () -> PeerEndpoint.parse("localhost")).getMessage()
        .contains("host:port"));
    assertTrue(assertThrows(PeerEndpointException.class, () -> PeerEndpoint.parse("localhost:99999")).getMessage()
        .contains("port"));
    assertTrue(assertThrows(PeerEndpointException.class, () -> PeerEndpoint.parse("0x12@localhost:1")).getMessage()
        .contains("address"));
  }

  @Test
  void configRefusesValuesOutsideTheirRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> P2pConfig.builder().redialBaseMs(1_000).redialMaxMs(10).build());
    assertTrue(e.getMessage().contains("redialMaxMs"), e.getMessage());
  }
}
