package io.trestle.node.cli;

import io.trestle.core.Address;
import io.trestle.crypto.KeyPair;
import io.trestle.services.governance.ProposalKind;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.RolesFunctions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trestle role}: roles change only by committee decision, so grant and revoke make a proposal (carrying the
 * proposer's vote) and execute it at once when that vote already passes it; otherwise the other members vote with
 * {@code trestle gov vote}.
 */
@Command(name = "role", mixinStandardHelpOptions = true, description = "Roles: grant, revoke (by proposal), list.",
    subcommands = {RoleCommand.Grant.class, RoleCommand.Revoke.class, RoleCommand.ListRoles.class})
final class RoleCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static int change(GovCommand.Writer writer, ProposalKind kind, String role, String account, long deadline,
      String description) throws Exception {
    GovCommand.Chain chain = new GovCommand.Chain(writer.rpc);
    KeyPair key = writer.keys.load(chain.suite);
    Address target = GovCommand.address(account, "account");
    String text = description.isEmpty() ? kind.label() + " " + role + " " + target.toChecksumHex() : description;
    GovCommand.propose(chain, key, kind, kind.encode(GovCommand.roleId(role), target), deadline, text, true,
        writer.timeoutS);
    return 0;
  }

  @Command(name = "grant", mixinStandardHelpOptions = true, description = "Propose granting a role.")
  static final class Grant implements Callable<Integer> {
    @Mixin
    GovCommand.Writer writer = new GovCommand.Writer();

    @Parameters(index = "0", description = "Role name, e.g. contract-deployer")
    String role;

    @Parameters(index = "1", description = "Account")
    String account;

    @Option(names = "--deadline", defaultValue = "0", description = "Block height after which votes close")
    long deadline;

    @Option(names = "--description", defaultValue = "", description = "Why")
    String description;

    @Override
    public Integer call() throws Exception {
      return change(writer, ProposalKind.GRANT_ROLE, role, account, deadline, description);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Propose revoking a role.")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    GovCommand.Writer writer = new GovCommand.Writer();

    @Parameters(index = "0", description = "Role name")
    String role;

    @Parameters(index = "1", description = "Account")
    String account;

    @Option(names = "--deadline", defaultValue = "0", description = "Block height after which votes close")
    long deadline;

    @Option(names = "--description", defaultValue = "", description = "Why")
    String description;

    @Override
    public Integer call() throws Exception {
      return change(writer, ProposalKind.REVOKE_ROLE, role, account, deadline, description);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Holders of one role, of every known role, or the roles of --account.")
  static final class ListRoles implements Callable<Integer> {
    @Mixin
    RpcOption rpc = new RpcOption();

    @Parameters(index = "0", arity = "0..1", description = "Role name (default: every known role)")
    String role;

    @Option(names = "--account", description = "Show the roles this account holds instead")
    String account;

    @Override
    public Integer call() throws Exception {
      GovCommand.Chain chain = new GovCommand.Chain(rpc);
      List<String> roles = role == null ? Role.KNOWN : List.of(role);
      if (account != null) {
        Address a = GovCommand.address(account, "--account");
        for (String r : roles) {
          if ((Boolean) chain.view(RolesFunctions.HAS_ROLE, GovCommand.roleId(r), a).get(0)) {
            System.out.println(r);
          }
        }
        return 0;
      }
      for (String r : roles) {
        for (Object holder : (List<?>) chain.view(RolesFunctions.ROLE_MEMBERS, GovCommand.roleId(r)).get(0)) {
          System.out.printf("%-20s %s%n", r, ((Address) holder).toChecksumHex());
        }
      }
      return 0;
    }
  }
}
