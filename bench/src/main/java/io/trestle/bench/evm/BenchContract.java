package io.trestle.bench.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trestle.core.Bytes;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * A compiled benchmark contract: the artifact bench/js/compile.mjs wrote to contracts/bench/artifacts, packed into
 * the benchmarks jar as a class-path resource so the jar runs from any directory.
 */
record BenchContract(String name, String compiler, Bytes deployedCode) {
  static BenchContract load(String name) {
    String resource = "/contracts/bench/" + name + ".json";
    try (InputStream in = BenchContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: rebuild the bench module");
      }
      JsonNode artifact = new ObjectMapper().readTree(in);
      return new BenchContract(name, artifact.path("compiler").asText(),
          Bytes.fromHex(artifact.path("deployedBytecode").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  /** Call data of {@code run(uint256)}, the entry point of every benchmark contract. */
  static Bytes runCall(long argument) {
    try {
      return AbiFunction.parse("run(uint256)").encodeCall(BigInteger.valueOf(argument));
    } catch (AbiException e) {
      throw new IllegalStateException("a fixed signature and a uint256 always encode", e);
    }
  }
}
