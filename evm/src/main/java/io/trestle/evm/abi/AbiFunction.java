package io.trestle.evm.abi;

import io.trestle.core.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A contract function: name, parameter types and return types. Parsed from a signature such as
 * {@code transfer(address,uint256)} (parameter names are allowed and ignored) and the return types.
 */
public record AbiFunction(String name, List<AbiType> inputs, List<AbiType> outputs) {
  public AbiFunction {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Parses {@code name(type [name], ...)} with return types given as type names. */
  public static AbiFunction parse(String signature, String... outputTypes) throws AbiException {
    int open = signature.indexOf('(');
    if (open <= 0 || !signature.endsWith(")")) {
      throw new AbiException("function signature must look like name(types...): " + signature);
    }
    String name = signature.substring(0, open).strip();
    List<AbiType> in = new ArrayList<>();
    for (String p : AbiType.splitTopLevel(signature.substring(open + 1, signature.length() - 1))) {
      in.add(AbiType.parse(stripName(p)));
    }
    List<AbiType> out = new ArrayList<>();
    for (String t : outputTypes) {
      out.add(AbiType.parse(t));
    }
    return new AbiFunction(name, in, out);
  }

  /** A parameter "uint256 amount" is the type "uint256"; "tuple(...)" and "(...)" keep their parentheses. */
  static String stripName(String param) {
    String p = param.strip();
    int close = Math.max(p.lastIndexOf(')'), p.lastIndexOf(']'));
    int space = p.indexOf(' ', Math.max(close, 0));
    return space < 0 ? p : p.substring(0, space);
  }

  public String signature() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < inputs.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(inputs.get(i).canonical());
    }
    return sb.append(')').toString();
  }

  public byte[] selector() {
    return Abi.selector(signature());
  }

  /** The selector as a big-endian int, handy in a switch over incoming calls. */
  public int selectorInt() {
    byte[] s = selector();
    return ((s[0] & 0xff) << 24) | ((s[1] & 0xff) << 16) | ((s[2] & 0xff) << 8) | (s[3] & 0xff);
  }

  public Bytes encodeCall(Object... args) throws AbiException {
    Bytes body = AbiCodec.encode(inputs, Arrays.asList(args));
    byte[] out = new byte[4 + body.size()];
    System.arraycopy(selector(), 0, out, 0, 4);
    System.arraycopy(body.unsafeArray(), 0, out, 4, body.size());
    return Bytes.wrap(out);
  }

  /** Decodes call data for this function (selector included and checked). */
  public List<Object> decodeCall(Bytes callData) throws AbiException {
    byte[] d = callData.unsafeArray();
    if (d.length < 4 || !Arrays.equals(Arrays.copyOf(d, 4), selector())) {
      throw new AbiException("call data does not start with the selector of " + signature());
    }
    return AbiCodec.decode(inputs, Bytes.wrap(Arrays.copyOfRange(d, 4, d.length)));
  }

  public Bytes encodeOutput(Object... values) throws AbiException {
    return AbiCodec.encode(outputs, Arrays.asList(values));
  }

  public List<Object> decodeOutput(Bytes data) throws AbiException {
    return AbiCodec.decode(outputs, data);
  }
}
