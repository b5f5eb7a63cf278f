package io.trestle.services.did;

import io.trestle.core.Address;
import java.util.List;

/**
 * The full stored history of one DID: its versions with their block stamps and every key, service and controller
 * entry ever made. {@link #at(int)} selects the document state of one version.
 */
public record DidRecord(
    Address identity,
    int versionCount,
    int deactivatedVersion,
    List<DidLayout.Stamp> stamps,
    List<DidLayout.Key> keys,
    List<DidLayout.Service> services,
    List<DidLayout.Controller> controllers) {

  public DidRecord {
    stamps = List.copyOf(stamps);
    keys = List.copyOf(keys);
    services = List.copyOf(services);
    controllers = List.copyOf(controllers);
  }

  /** The state of version {@code version} (0 to {@link #versionCount()}). */
  public Version at(int version) {
    if (version < 0 || version > versionCount) {
      throw new IllegalArgumentException("version " + version + " outside 0.." + versionCount);
    }
    return new Version(this, version);
  }

  public Version latest() {
    return at(versionCount);
  }

  /**
   * The version in force at {@code timestampSeconds}: the last one made at or before it, 0 when none was.
   * Versions are made in block order, so their timestamps never decrease.
   */
  public int versionAtTime(long timestampSeconds) {
    int v = 0;
    for (DidLayout.Stamp s : stamps) {
      if (s.timestampSeconds() <= timestampSeconds) {
        v = s.version();
      } else {
        break;
      }
    }
    return v;
  }

  public DidLayout.Stamp stamp(int version) {
    return version >= 1 && version <= stamps.size() ? stamps.get(version - 1) : null;
  }

  /** One version of the DID document. */
  public record Version(DidRecord record, int number) {
    public boolean deactivated() {
      return record.deactivatedVersion != 0 && record.deactivatedVersion <= number;
    }

    public List<DidLayout.Key> keys() {
      return record.keys.stream().filter(k -> k.activeAt(number)).toList();
    }

    public List<DidLayout.Service> services() {
      return record.services.stream().filter(s -> s.activeAt(number)).toList();
    }

    /** Listed controllers in force; the identity itself always controls its DID and is not in this list. */
    public List<Address> controllers() {
      return record.controllers.stream().filter(c -> c.activeAt(number)).map(DidLayout.Controller::address).toList();
    }
  }
}
