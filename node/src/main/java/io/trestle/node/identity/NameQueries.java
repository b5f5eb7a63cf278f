package io.trestle.node.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;
import io.trestle.execution.Chain;
import io.trestle.services.names.NameLayout;
import io.trestle.services.names.NameRegistry;
import io.trestle.services.names.NameSyntaxException;
import io.trestle.services.names.Names;
import java.time.Instant;

/** Forward and reverse name resolution at the chain head. */
final class NameQueries {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final Chain chain;

  NameQueries(Chain chain) {
    this.chain = chain;
  }

  /** The name's record, or null when it was never registered. */
  ObjectNode resolve(String name) throws NameSyntaxException {
    Names.check(name);
    try {
      NameLayout.Entry e = NameLayout.read(IdentityServices.storageAtHead(chain, NameRegistry.ADDRESS), name);
      if (!e.registered()) {
        return null;
      }
      ObjectNode o = JSON.objectNode();
      o.put("name", name);
      o.put("owner", e.owner().toHex());
      o.put("address", e.address().equals(Address.ZERO) ? null : e.address().toHex());
      o.put("did", e.did().isEmpty() ? null : e.did());
      o.put("expires", Instant.ofEpochSecond(e.expiresSeconds()).toString());
      o.put("active", e.activeAt(chain.head().header().timestampSeconds()));
      return o;
    } catch (SystemCall.Halt h) {
      throw new IllegalStateException("reading committed state does not run out of gas", h);
    }
  }

  /** The verified reverse name of {@code address}, or null. */
  String reverse(Address address) {
    try {
      String n = NameLayout.reverse(IdentityServices.storageAtHead(chain, NameRegistry.ADDRESS), address,
          chain.head().header().timestampSeconds());
      return n.isEmpty() ? null : n;
    } catch (SystemCall.Halt h) {
      throw new IllegalStateException("reading committed state does not run out of gas", h);
    }
  }
}
