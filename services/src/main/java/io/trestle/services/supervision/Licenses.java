package io.trestle.services.supervision;

import io.trestle.core.Address;
import io.trestle.evm.system.SystemCall;
import io.trestle.services.governance.store.Slots;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.governance.store.StorageReader;

/** The licence status of each account. */
public final class Licenses {
  private static final byte[] STATUS = Slots.root("sup.license");

  private Licenses() {}

  public static LicenseStatus status(StorageReader s, Address account) throws SystemCall.Halt {
    return LicenseStatus.ofCode(Slots.asLong(s.load(Slots.of(STATUS, Slots.word(account))))).orElse(LicenseStatus.NONE);
  }

  public static void set(Storage s, Address account, LicenseStatus status) throws SystemCall.Halt {
    s.store(Slots.of(STATUS, Slots.word(account)), Slots.word(status.code()));
  }
}
