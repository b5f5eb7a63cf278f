package io.trestle.evm;

/** How a frame ends. Codes below {@link #FIRST_ERROR} are normal ends; the rest are exceptional halts. */
final class Halt {
  static final int NONE = 0;
  static final int STOP = 1;
  static final int RETURN = 2;
  static final int REVERT = 3;
  static final int SELFDESTRUCT = 4;
  /** Suspended: the frame waits for a child call or creation. */
  static final int SUSPEND = 5;

  static final int FIRST_ERROR = 10;
  static final int OUT_OF_GAS = 10;
  static final int STACK_UNDERFLOW = 11;
  static final int STACK_OVERFLOW = 12;
  static final int INVALID_OPCODE = 13;
  static final int BAD_JUMP = 14;
  static final int STATIC_VIOLATION = 15;
  static final int RETURNDATA_OUT_OF_BOUNDS = 16;
  static final int INITCODE_TOO_LARGE = 17;
  static final int CODE_TOO_LARGE = 18;
  static final int CODE_STARTS_WITH_EF = 19;
  static final int ADDRESS_COLLISION = 20;
  static final int PRECOMPILE_FAILURE = 21;
  static final int DEPTH_EXCEEDED = 22;
  static final int INSUFFICIENT_BALANCE = 23;
  static final int NONCE_OVERFLOW = 24;

  private Halt() {}

  static boolean isError(int halt) {
    return halt >= FIRST_ERROR;
  }

  static String describe(int halt) {
    return switch (halt) {
      case STOP -> "stop";
      case RETURN -> "return";
      case REVERT -> "execution reverted";
      case SELFDESTRUCT -> "selfdestruct";
      case OUT_OF_GAS -> "out of gas";
      case STACK_UNDERFLOW -> "stack underflow";
      case STACK_OVERFLOW -> "stack overflow";
      case INVALID_OPCODE -> "invalid opcode";
      case BAD_JUMP -> "invalid jump destination";
      case STATIC_VIOLATION -> "write protection";
      case RETURNDATA_OUT_OF_BOUNDS -> "return data out of bounds";
      case INITCODE_TOO_LARGE -> "max initcode size exceeded";
      case CODE_TOO_LARGE -> "max code size exceeded";
      case CODE_STARTS_WITH_EF -> "invalid code: must not begin with 0xef";
      case ADDRESS_COLLISION -> "contract address collision";
      case PRECOMPILE_FAILURE -> "precompile failed";
      case DEPTH_EXCEEDED -> "max call depth exceeded";
      case INSUFFICIENT_BALANCE -> "insufficient balance for transfer";
      case NONCE_OVERFLOW -> "nonce overflow";
      default -> "halt " + halt;
    };
  }
}
