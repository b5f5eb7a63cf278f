package io.trestle.services.governance;

import java.util.List;

/** The validator set in force from {@code fromHeight} until the next epoch begins. */
public record ValidatorEpoch(long fromHeight, List<ValidatorInfo> validators) {
  public ValidatorEpoch {
    validators = List.copyOf(validators);
  }
}
