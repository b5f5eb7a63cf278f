package io.trestle.services.permissions;

import java.util.Optional;

/** Who may use the chain, chosen at genesis and changeable by the committee (chain parameter permissionMode). */
public enum PermissionMode {
  /** Anyone may send transactions and deploy contracts. */
  OPEN("open"),
  /** Anyone may send transactions; only contract-deployer holders deploy. */
  DEPLOY_PERMISSIONED("deploy-permissioned"),
  /** Only accounts holding some role send transactions; only contract-deployer holders deploy. */
  PERMISSIONED("permissioned");

  private final String label;

  PermissionMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public int code() {
    return ordinal();
  }

  public static Optional<PermissionMode> ofLabel(String label) {
    for (PermissionMode m : values()) {
      if (m.label.equals(label)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public static Optional<PermissionMode> ofCode(long code) {
    return code >= 0 && code < values().length ? Optional.of(values()[(int) code]) : Optional.empty();
  }
}
