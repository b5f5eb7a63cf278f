package io.trestle.p2p;

import io.trestle.core.Address;
import java.util.Collection;
import java.util.Set;

/**
 * Which node addresses may connect: validators and admitted observers. Asked after every handshake and again
 * whenever the node calls {@link P2pNetwork#admissionChanged()} (and on the network's maintenance tick), so a
 * policy backed by governance state can change at runtime; live connections of removed nodes are dropped.
 * Must be cheap and thread-safe: it is called on I/O threads.
 */
@FunctionalInterface
public interface AdmissionPolicy {
  boolean admits(Address node);

  /** A fixed set of addresses. */
  static AdmissionPolicy allowing(Collection<Address> nodes) {
    Set<Address> copy = Set.copyOf(nodes);
    return copy::contains;
  }
}
