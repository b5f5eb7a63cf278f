package io.trestle.node.assets;

/** A query the node cannot answer: bad input (the caller's to fix) or nothing there. */
public final class AssetQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a query failed. */
  public enum Kind { BAD_INPUT, NOT_FOUND }

  private final Kind kind;

  AssetQueryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  static AssetQueryException badInput(String message) {
    return new AssetQueryException(Kind.BAD_INPUT, message);
  }

  static AssetQueryException notFound(String message) {
    return new AssetQueryException(Kind.NOT_FOUND, message);
  }

  public Kind kind() {
    return kind;
  }
}
