package io.trestle.services.governance;

import static io.trestle.services.governance.store.ContractFunction.emit;
import static io.trestle.services.governance.store.ContractFunction.event;
import static io.trestle.services.governance.store.ContractFunction.parse;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.crypto.CryptoSuite;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.abi.AbiFunction;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import io.trestle.services.governance.store.ContractFunction;
import io.trestle.services.governance.store.EventDef;
import io.trestle.services.governance.store.Storage;
import io.trestle.services.permissions.Role;
import io.trestle.services.permissions.Roles;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ICommittee} ABI (contracts/interfaces/ICommittee.sol): proposals, votes, execution, and the state they
 * govern. Every refusal is a revert whose reason names what was wrong; a refused call changes nothing.
 */
public final class CommitteeFunctions {
  public static final AbiFunction PROPOSE = parse("propose(uint8,bytes,uint64,string)", "uint256");
  public static final AbiFunction VOTE = parse("vote(uint256,bool)");
  public static final AbiFunction REVOKE_VOTE = parse("revokeVote(uint256)");
  public static final AbiFunction EXECUTE = parse("execute(uint256)");
  public static final AbiFunction PROPOSAL_COUNT = parse("proposalCount()", "uint256");
  public static final AbiFunction PROPOSAL = parse("proposal(uint256)", "uint8", "address", "uint64", "uint8",
      "uint256", "uint256", "uint256", "uint64", "uint64", "bytes", "string");
  public static final AbiFunction VOTES = parse("votes(uint256)", "address[]", "uint8[]");
  public static final AbiFunction MEMBERS = parse("members()", "address[]", "uint256[]");
  public static final AbiFunction THRESHOLD = parse("threshold()", "uint256", "uint256");
  public static final AbiFunction VALIDATORS = parse("validators()", "address[]");
  public static final AbiFunction VALIDATORS_AT = parse("validatorsAt(uint64)", "address[]");
  public static final AbiFunction VALIDATOR_CHANGE_OFFSET = parse("validatorChangeOffset()", "uint64");
  public static final AbiFunction NODES = parse("nodes()", "address[]");
  public static final AbiFunction IS_ADMITTED = parse("isAdmitted(address)", "bool");
  public static final AbiFunction CHAIN_PARAMETER = parse("chainParameter(bytes32)", "uint256");
  public static final AbiFunction SYSTEM_PARAMETER = parse("systemParameter(address,bytes32)", "uint256");

  public static final EventDef PROPOSAL_CREATED = event("ProposalCreated(uint256 indexed id, address indexed proposer, "
      + "uint8 indexed kind, uint64 deadline, bytes data, string description)");
  public static final EventDef VOTED =
      event("Voted(uint256 indexed id, address indexed voter, bool support, uint256 weight)");
  public static final EventDef VOTE_REVOKED = event("VoteRevoked(uint256 indexed id, address indexed voter)");
  public static final EventDef PROPOSAL_EXECUTED =
      event("ProposalExecuted(uint256 indexed id, address indexed executor)");
  public static final EventDef VALIDATOR_ADDED = event("ValidatorAdded(address indexed validator, bytes publicKey, "
      + "uint64 effectiveHeight, uint256 indexed proposalId)");
  public static final EventDef VALIDATOR_REMOVED = event("ValidatorRemoved(address indexed validator, "
      + "uint64 effectiveHeight, uint256 indexed proposalId)");
  public static final EventDef NODE_ADMITTED = event("NodeAdmitted(address indexed node, uint256 indexed proposalId)");
  public static final EventDef NODE_REMOVED = event("NodeRemoved(address indexed node, uint256 indexed proposalId)");
  public static final EventDef MEMBER_CHANGED =
      event("MemberChanged(address indexed member, uint256 weight, uint256 indexed proposalId)");
  public static final EventDef THRESHOLD_CHANGED =
      event("ThresholdChanged(uint256 numerator, uint256 denominator, uint256 indexed proposalId)");
  public static final EventDef CHAIN_PARAMETER_CHANGED =
      event("ChainParameterChanged(bytes32 indexed name, uint256 value, uint256 indexed proposalId)");
  public static final EventDef SYSTEM_PARAMETER_CHANGED = event("SystemParameterChanged(address indexed target, "
      + "bytes32 indexed key, uint256 value, uint256 indexed proposalId)");

  public static final List<EventDef> EVENTS = List.of(PROPOSAL_CREATED, VOTED, VOTE_REVOKED, PROPOSAL_EXECUTED,
      VALIDATOR_ADDED, VALIDATOR_REMOVED, NODE_ADMITTED, NODE_REMOVED, MEMBER_CHANGED, THRESHOLD_CHANGED,
      CHAIN_PARAMETER_CHANGED, SYSTEM_PARAMETER_CHANGED);

  private final CryptoSuite suite;

  CommitteeFunctions(CryptoSuite suite) {
    this.suite = suite;
  }

  List<ContractFunction> functions() {
    return List.of(
        new ContractFunction(PROPOSE, this::propose),
        new ContractFunction(VOTE, CommitteeFunctions::vote),
        new ContractFunction(REVOKE_VOTE, CommitteeFunctions::revokeVote),
        new ContractFunction(EXECUTE, this::execute),
        new ContractFunction(PROPOSAL_COUNT, (c, a) -> SystemResult.success(PROPOSAL_COUNT.encodeOutput(
            BigInteger.valueOf(Proposals.count(Storage.of(c)))))),
        new ContractFunction(PROPOSAL, CommitteeFunctions::proposal),
        new ContractFunction(VOTES, CommitteeFunctions::votes),
        new ContractFunction(MEMBERS, CommitteeFunctions::members),
        new ContractFunction(THRESHOLD, (c, a) -> SystemResult.success(THRESHOLD.encodeOutput(
            BigInteger.valueOf(Committee.numerator(Storage.of(c))), BigInteger.valueOf(Committee.denominator(Storage.of(c)))))),
        new ContractFunction(VALIDATORS, (c, a) -> SystemResult.success(VALIDATORS.encodeOutput(
            addresses(ValidatorRegistry.latest(Storage.of(c)))))),
        new ContractFunction(VALIDATORS_AT, (c, a) -> SystemResult.success(VALIDATORS_AT.encodeOutput(
            addresses(ValidatorRegistry.at(Storage.of(c), ((BigInteger) a.get(0)).longValue()))))),
        new ContractFunction(VALIDATOR_CHANGE_OFFSET, (c, a) -> SystemResult.success(VALIDATOR_CHANGE_OFFSET.encodeOutput(
            BigInteger.valueOf(ValidatorRegistry.offset(Storage.of(c)))))),
        new ContractFunction(NODES, (c, a) -> SystemResult.success(NODES.encodeOutput(
            NodeRegistry.list(Storage.of(c))))),
        new ContractFunction(IS_ADMITTED, (c, a) -> SystemResult.success(IS_ADMITTED.encodeOutput(
            NodeRegistry.isAdmitted(Storage.of(c), (Address) a.get(0))))),
        new ContractFunction(CHAIN_PARAMETER, CommitteeFunctions::chainParameter),
        new ContractFunction(SYSTEM_PARAMETER, (c, a) -> SystemResult.success(SYSTEM_PARAMETER.encodeOutput(
            SystemParameters.get(Storage.of(c), (Address) a.get(0), ProposalKind.word(a.get(1))).toBigInteger()))));
  }

  private static SystemResult chainParameter(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    ChainParameter p = ChainParameter.ofId(ProposalKind.word(a.get(0))).orElse(null);
    BigInteger value = p == null ? BigInteger.ZERO : p.read(Storage.of(call)).orElse(BigInteger.ZERO);
    return SystemResult.success(CHAIN_PARAMETER.encodeOutput(value));
  }

  private static List<Address> addresses(List<ValidatorInfo> validators) {
    return validators.stream().map(ValidatorInfo::address).toList();
  }

  private SystemResult propose(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    long number = call.block().number();
    BigInteger kindCode = (BigInteger) a.get(0);
    Bytes data = (Bytes) a.get(1);
    long deadline = ((BigInteger) a.get(2)).longValue();
    String description = (String) a.get(3);
    ProposalKind kind = ProposalKind.ofCode(kindCode.longValue()).orElse(null);
    if (kind == null) {
      return revert("unknown proposal kind " + kindCode + "; kinds are 1.." + ProposalKind.values().length);
    }
    Address proposer = call.caller();
    boolean member = Committee.isMember(s, proposer);
    if (!member && !(kind.operatorMayPropose() && Roles.has(s, Role.VALIDATOR_OPERATOR, proposer))) {
      return revert("caller " + proposer.toChecksumHex() + " may not propose " + kind.label() + ": "
          + (kind.operatorMayPropose() ? "committee members and validator operators may" : "only committee members may"));
    }
    if (data.size() > Proposals.DATA_BYTES_MAX) {
      return revert("proposal data of " + data.size() + " bytes exceeds " + Proposals.DATA_BYTES_MAX);
    }
    if (description.getBytes(StandardCharsets.UTF_8).length > Proposals.DESCRIPTION_BYTES_MAX) {
      return revert("description exceeds " + Proposals.DESCRIPTION_BYTES_MAX + " bytes");
    }
    if (deadline == 0) {
      deadline = number + Proposals.VOTING_BLOCKS_DEFAULT;
    }
    if (deadline < number || deadline > number + Proposals.VOTING_BLOCKS_MAX) {
      return revert("deadline " + deadline + " must be a block height from " + number + " to "
          + (number + Proposals.VOTING_BLOCKS_MAX) + " (or 0 for " + Proposals.VOTING_BLOCKS_DEFAULT + " blocks)");
    }
    List<Object> args;
    try {
      args = kind.decode(data);
    } catch (AbiException e) {
      return revert("malformed parameters for " + kind.label() + " " + kind.types() + ": " + e.getMessage());
    }
    long id = Proposals.count(s) + 1;
    String refused = kind.check(new ProposalKind.Context(call, s, suite, BigInteger.valueOf(id)), args);
    if (refused != null) {
      return revert(kind.label() + " refused: " + refused);
    }
    Proposals.create(s, kind, proposer, deadline, number, data, description);
    emit(call, PROPOSAL_CREATED, BigInteger.valueOf(id), proposer, BigInteger.valueOf(kind.code()),
        BigInteger.valueOf(deadline), data, description);
    if (member) {
      Proposals.setVote(s, id, proposer, Proposals.Choice.YES);
      emit(call, VOTED, BigInteger.valueOf(id), proposer, true, BigInteger.valueOf(Committee.weight(s, proposer)));
    }
    return SystemResult.success(PROPOSE.encodeOutput(BigInteger.valueOf(id)));
  }

  /** Null when proposal {@code id} is open for votes at this block, else the reason. */
  private static String open(Storage s, long id, long number) throws SystemCall.Halt {
    Proposals.Proposal p = Proposals.load(s, id);
    if (p == null) {
      return "no proposal " + id;
    }
    if (p.executedAt() > 0) {
      return "proposal " + id + " was executed at block " + p.executedAt();
    }
    if (number > p.deadline()) {
      return "proposal " + id + " expired at block " + p.deadline();
    }
    return null;
  }

  private static SystemResult vote(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    BigInteger id = (BigInteger) a.get(0);
    boolean support = (Boolean) a.get(1);
    Address voter = call.caller();
    long weight = Committee.weight(s, voter);
    if (weight == 0) {
      return revert("caller " + voter.toChecksumHex() + " is not a committee member");
    }
    String closed = id.bitLength() > 62 ? "no proposal " + id : open(s, id.longValue(), call.block().number());
    if (closed != null) {
      return revert(closed);
    }
    Proposals.Choice previous = Proposals.vote(s, id.longValue(), voter);
    if (previous != Proposals.Choice.NONE) {
      return revert("member " + voter.toChecksumHex() + " already voted " + previous + " on proposal " + id
          + "; revoke the vote first to change it");
    }
    Proposals.setVote(s, id.longValue(), voter, support ? Proposals.Choice.YES : Proposals.Choice.NO);
    emit(call, VOTED, id, voter, support, BigInteger.valueOf(weight));
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult revokeVote(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    BigInteger id = (BigInteger) a.get(0);
    Address voter = call.caller();
    String closed = id.bitLength() > 62 ? "no proposal " + id : open(s, id.longValue(), call.block().number());
    if (closed != null) {
      return revert(closed);
    }
    if (Proposals.vote(s, id.longValue(), voter) == Proposals.Choice.NONE) {
      return revert("caller " + voter.toChecksumHex() + " has no vote on proposal " + id + " to revoke");
    }
    Proposals.setVote(s, id.longValue(), voter, Proposals.Choice.NONE);
    emit(call, VOTE_REVOKED, id, voter);
    return SystemResult.success(Bytes.EMPTY);
  }

  private SystemResult execute(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    BigInteger idValue = (BigInteger) a.get(0);
    long number = call.block().number();
    String closed = idValue.bitLength() > 62 ? "no proposal " + idValue : open(s, idValue.longValue(), number);
    if (closed != null) {
      return revert(closed);
    }
    long id = idValue.longValue();
    Proposals.Proposal p = Proposals.load(s, id);
    Proposals.Tally t = Proposals.tally(s, id);
    if (Proposals.status(s, p, t, number) != Proposals.Status.PASSED) {
      return revert("proposal " + id + " has not passed: yes weight " + t.yes() + " of " + t.total() + ", needs "
          + Committee.numerator(s) + "/" + Committee.denominator(s));
    }
    List<Object> args = p.kind().decode(p.data());
    ProposalKind.Context context = new ProposalKind.Context(call, s, suite, idValue);
    String refused = p.kind().check(context, args);
    if (refused != null) {
      return revert("proposal " + id + " (" + p.kind().label() + ") cannot be executed now: " + refused);
    }
    Proposals.markExecuted(s, id, Math.max(1, number));
    p.kind().apply(context, args);
    emit(call, PROPOSAL_EXECUTED, idValue, call.caller());
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult proposal(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    BigInteger id = (BigInteger) a.get(0);
    Proposals.Proposal p = id.bitLength() > 62 ? null : Proposals.load(s, id.longValue());
    if (p == null) {
      return revert("no proposal " + id);
    }
    Proposals.Tally t = Proposals.tally(s, p.id());
    Proposals.Status status = Proposals.status(s, p, t, call.block().number());
    return SystemResult.success(PROPOSAL.encodeOutput(BigInteger.valueOf(p.kind().code()), p.proposer(),
        BigInteger.valueOf(p.deadline()), BigInteger.valueOf(status.code()), BigInteger.valueOf(t.yes()),
        BigInteger.valueOf(t.no()), BigInteger.valueOf(t.total()), BigInteger.valueOf(p.createdAt()),
        BigInteger.valueOf(p.executedAt()), p.data(), p.description()));
  }

  private static SystemResult votes(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    Storage s = Storage.of(call);
    BigInteger id = (BigInteger) a.get(0);
    if (id.bitLength() > 62 || Proposals.load(s, id.longValue()) == null) {
      return revert("no proposal " + id);
    }
    List<Address> voters = new ArrayList<>();
    List<BigInteger> choices = new ArrayList<>();
    for (Committee.Member m : Committee.members(s)) {
      Proposals.Choice c = Proposals.vote(s, id.longValue(), m.address());
      if (c != Proposals.Choice.NONE) {
        voters.add(m.address());
        choices.add(BigInteger.valueOf(c.ordinal()));
      }
    }
    return SystemResult.success(VOTES.encodeOutput(voters, choices));
  }

  private static SystemResult members(SystemCall call, List<Object> a) throws SystemCall.Halt, AbiException {
    List<Address> addresses = new ArrayList<>();
    List<BigInteger> weights = new ArrayList<>();
    for (Committee.Member m : Committee.members(Storage.of(call))) {
      addresses.add(m.address());
      weights.add(BigInteger.valueOf(m.weight()));
    }
    return SystemResult.success(MEMBERS.encodeOutput(addresses, weights));
  }

  private static SystemResult revert(String reason) {
    return SystemResult.revert("Committee: " + reason);
  }
}
