package io.trestle.consensus.wire;

import java.util.Objects;

/** The answer to a {@link BlockRequest} (docs/consensus.md line 54). */
public record BlockResponse(Block block) implements ConsensusMessage {
  public BlockResponse {
    Objects.requireNonNull(block, "block");
  }

  @Override
  public long height() {
    return block.height();
  }
}
