package io.trestle.node.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's configuration file ({@code config.toml}). Relative paths are resolved against the file's folder,
 * so a node folder can be moved as a whole.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(
    @JsonProperty("node") NodeSection node,
    @JsonProperty("rpc") RpcSection rpc,
    @JsonProperty("p2p") P2pSection p2p,
    @JsonProperty("admin") AdminSection admin) {

  public NodeConfig(NodeSection node, RpcSection rpc, P2pSection p2p) {
    this(node, rpc, p2p, null);
  }

  /** Identity and storage. */
  public record NodeSection(
      @JsonProperty("data_dir") String dataDir,
      @JsonProperty("genesis") String genesis,
      @JsonProperty("key_file") String keyFile,
      @JsonProperty("validator") Boolean validator) {}

  /** The public JSON-RPC endpoint. */
  public record RpcSection(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("logs_block_range_max") Integer logsBlockRangeMax,
      @JsonProperty("logs_results_max") Integer logsResultsMax) {}

  /** The peer-to-peer endpoint and the peers to dial. */
  public record P2pSection(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("peers") List<String> peers) {}

  /**
   * The admin endpoint (ADR 0276); absent means off. {@code host} defaults to 127.0.0.1; any other host needs a
   * token, given inline or, better, in {@code token_file} (relative to the config file).
   */
  public record AdminSection(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("token") String token,
      @JsonProperty("token_file") String tokenFile) {}

  private static final ObjectMapper TOML = new TomlMapper();

  public static NodeConfig load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file not found: " + file);
    }
    try {
      NodeConfig config = TOML.readValue(file.toFile(), NodeConfig.class);
      if (config.node() == null || config.node().dataDir() == null || config.node().genesis() == null) {
        throw new ConfigException(file + ": [node] needs data_dir and genesis");
      }
      return config;
    } catch (IOException e) {
      throw new ConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
    }
  }

  public void save(Path file) throws IOException {
    Files.writeString(file, TOML.writeValueAsString(this));
  }

  /** A configuration that could not be used, with a reason for the operator. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
