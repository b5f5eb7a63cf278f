package io.trestle.services.assets;

import io.trestle.core.Address;
import io.trestle.core.Bytes;
import io.trestle.evm.UInt256;
import io.trestle.evm.abi.AbiException;
import io.trestle.evm.system.SystemCall;
import io.trestle.evm.system.SystemResult;
import java.math.BigInteger;
import java.util.List;

/**
 * A fungible token at its own address with the ERC-20 interface (ADR 0298): the issuer mints (up to the cap, if
 * one was set) and burns its own balance, and may pause all movement; the regulator's freezes stop it too.
 * Reverts use OpenZeppelin's ERC-20 reasons.
 */
final class Token20 {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  final Dispatch dispatch = new Dispatch("ERC20")
      .on(AssetAbi.NAME, ctx -> Collection721.string(ctx, AssetAbi.NAME, Layout.NAME))
      .on(AssetAbi.SYMBOL, ctx -> Collection721.string(ctx, AssetAbi.SYMBOL, Layout.SYMBOL))
      .on(AssetAbi.DECIMALS, ctx -> SystemResult.success(
          AssetAbi.DECIMALS.encodeOutput(ctx.load(Layout.DECIMALS).toBigInteger())))
      .on(AssetAbi.TOTAL_SUPPLY, ctx -> SystemResult.success(
          AssetAbi.TOTAL_SUPPLY.encodeOutput(ctx.load(Layout.SUPPLY).toBigInteger())))
      .on(AssetAbi.CAP, ctx -> SystemResult.success(AssetAbi.CAP.encodeOutput(ctx.load(Layout.CAP).toBigInteger())))
      .on(AssetAbi.ISSUER, ctx -> SystemResult.success(AssetAbi.ISSUER.encodeOutput(Word.address(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.PAUSED, ctx -> SystemResult.success(
          AssetAbi.PAUSED.encodeOutput((Word.flags(ctx.load(Layout.HEADER)) & Layout.PAUSED) != 0)))
      .on(AssetAbi.FROZEN, ctx -> SystemResult.success(
          AssetAbi.FROZEN.encodeOutput(ctx.assetFrozen(ctx.load(Layout.HEADER)))))
      .on(AssetAbi.BALANCE_OF, Token20::balanceOf)
      .on(AssetAbi.ALLOWANCE, Token20::allowance)
      .on(AssetAbi.SUPPORTS_INTERFACE, ctx -> SystemResult.success(AssetAbi.SUPPORTS_INTERFACE.encodeOutput(
          java.nio.ByteBuffer.wrap(((Bytes) AssetAbi.SUPPORTS_INTERFACE.decodeCall(ctx.input).get(0)).toArray())
              .getInt() == AssetAbi.ERC165)))
      .on(AssetAbi.TRANSFER, Token20::transfer)
      .on(AssetAbi.TRANSFER_FROM_20, Token20::transferFrom)
      .on(AssetAbi.APPROVE_20, Token20::approve)
      .on(AssetAbi.MINT_20, Token20::mint)
      .on(AssetAbi.BURN_20, Token20::burn)
      .on(AssetAbi.PAUSE, ctx -> pause(ctx, true))
      .on(AssetAbi.UNPAUSE, ctx -> pause(ctx, false));

  private static SystemResult balanceOf(Ctx ctx) throws SystemCall.Halt, AbiException {
    Address owner = (Address) AssetAbi.BALANCE_OF.decodeCall(ctx.input).get(0);
    return SystemResult.success(AssetAbi.BALANCE_OF.encodeOutput(ctx.load(ctx.slot(Layout.BALANCE, owner)).toBigInteger()));
  }

  private static UInt256 allowanceSlot(Ctx ctx, Address owner, Address spender) throws SystemCall.Halt {
    return ctx.slot2(Layout.ALLOWANCE, Word.ofAddress(owner), Word.ofAddress(spender));
  }

  private static SystemResult allowance(Ctx ctx) throws SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.ALLOWANCE.decodeCall(ctx.input);
    return SystemResult.success(AssetAbi.ALLOWANCE.encodeOutput(
        ctx.load(allowanceSlot(ctx, (Address) a.get(0), (Address) a.get(1))).toBigInteger()));
  }

  /** Pause, the regulator's freeze of the token, and account freezes of the holder and of whoever acts. */
  private static void requireMovable(Ctx ctx, Address from, Address caller) throws Revert, SystemCall.Halt {
    UInt256 header = ctx.load(Layout.HEADER);
    int flags = Word.flags(header);
    Ctx.require(!ctx.assetFrozen(header), "token " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require((flags & Layout.PAUSED) == 0, "ERC20Pausable: token transfer while paused");
    Ctx.require(!ctx.accountFrozen(from), "account " + from.toChecksumHex() + " is frozen by the regulator");
    Ctx.require(caller.equals(from) || !ctx.accountFrozen(caller),
        "account " + caller.toChecksumHex() + " is frozen by the regulator");
  }

  private static void move(Ctx ctx, Address from, Address to, BigInteger amount) throws Revert, SystemCall.Halt {
    Ctx.require(!from.equals(Address.ZERO), "ERC20: transfer from the zero address");
    Ctx.require(!to.equals(Address.ZERO), "ERC20: transfer to the zero address");
    requireMovable(ctx, from, ctx.caller());
    UInt256 fromSlot = ctx.slot(Layout.BALANCE, from);
    BigInteger have = ctx.load(fromSlot).toBigInteger();
    Ctx.require(have.compareTo(amount) >= 0, "ERC20: transfer amount exceeds balance");
    ctx.store(fromSlot, UInt256.fromBigInteger(have.subtract(amount)));
    UInt256 toSlot = ctx.slot(Layout.BALANCE, to);
    ctx.store(toSlot, UInt256.fromBigInteger(ctx.load(toSlot).toBigInteger().add(amount)));
    ctx.emit(AssetAbi.TRANSFER_20, from, to, amount);
  }

  private static SystemResult transfer(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.TRANSFER.decodeCall(ctx.input);
    move(ctx, ctx.caller(), (Address) a.get(0), (BigInteger) a.get(1));
    return SystemResult.success(AssetAbi.TRANSFER.encodeOutput(true));
  }

  private static SystemResult transferFrom(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.TRANSFER_FROM_20.decodeCall(ctx.input);
    Address from = (Address) a.get(0);
    BigInteger amount = (BigInteger) a.get(2);
    UInt256 slot = allowanceSlot(ctx, from, ctx.caller());
    BigInteger allowed = ctx.load(slot).toBigInteger();
    if (!allowed.equals(MAX)) {
      Ctx.require(allowed.compareTo(amount) >= 0, "ERC20: insufficient allowance");
      ctx.store(slot, UInt256.fromBigInteger(allowed.subtract(amount)));
    }
    move(ctx, from, (Address) a.get(1), amount);
    return SystemResult.success(AssetAbi.TRANSFER_FROM_20.encodeOutput(true));
  }

  private static SystemResult approve(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.APPROVE_20.decodeCall(ctx.input);
    Address spender = (Address) a.get(0);
    BigInteger amount = (BigInteger) a.get(1);
    Address owner = ctx.caller();
    Ctx.require(!spender.equals(Address.ZERO), "ERC20: approve to the zero address");
    Ctx.require(amount.signum() == 0 || !ctx.accountFrozen(owner),
        "account " + owner.toChecksumHex() + " is frozen by the regulator");
    ctx.store(allowanceSlot(ctx, owner, spender), UInt256.fromBigInteger(amount));
    ctx.emit(AssetAbi.APPROVAL_20, owner, spender, amount);
    return SystemResult.success(AssetAbi.APPROVE_20.encodeOutput(true));
  }

  private static Address requireIssuer(Ctx ctx) throws Revert, SystemCall.Halt {
    Address issuer = Word.address(ctx.load(Layout.HEADER));
    Ctx.require(ctx.caller().equals(issuer), "ERC20: only the issuer " + issuer.toChecksumHex() + " may do this");
    return issuer;
  }

  private static SystemResult mint(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    List<Object> a = AssetAbi.MINT_20.decodeCall(ctx.input);
    Address to = (Address) a.get(0);
    BigInteger amount = (BigInteger) a.get(1);
    Address issuer = requireIssuer(ctx);
    Ctx.require(!to.equals(Address.ZERO), "ERC20: mint to the zero address");
    UInt256 header = ctx.load(Layout.HEADER);
    Ctx.require(!ctx.assetFrozen(header), "token " + ctx.self().toChecksumHex() + " is frozen by the regulator");
    Ctx.require((Word.flags(header) & Layout.PAUSED) == 0, "ERC20Pausable: token transfer while paused");
    Ctx.require(!ctx.accountFrozen(issuer), "account " + issuer.toChecksumHex() + " is frozen by the regulator");
    BigInteger supply = ctx.load(Layout.SUPPLY).toBigInteger().add(amount);
    Ctx.require(supply.compareTo(MAX) <= 0, "ERC20: total supply would overflow");
    if ((Word.flags(header) & Layout.CAPPED) != 0) {
      Ctx.require(supply.compareTo(ctx.load(Layout.CAP).toBigInteger()) <= 0, "ERC20Capped: cap exceeded");
    }
    ctx.store(Layout.SUPPLY, UInt256.fromBigInteger(supply));
    UInt256 toSlot = ctx.slot(Layout.BALANCE, to);
    ctx.store(toSlot, UInt256.fromBigInteger(ctx.load(toSlot).toBigInteger().add(amount)));
    ctx.emit(AssetAbi.TRANSFER_20, Address.ZERO, to, amount);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult burn(Ctx ctx) throws Revert, SystemCall.Halt, AbiException {
    BigInteger amount = (BigInteger) AssetAbi.BURN_20.decodeCall(ctx.input).get(0);
    Address issuer = requireIssuer(ctx);
    requireMovable(ctx, issuer, issuer);
    UInt256 slot = ctx.slot(Layout.BALANCE, issuer);
    BigInteger have = ctx.load(slot).toBigInteger();
    Ctx.require(have.compareTo(amount) >= 0, "ERC20: burn amount exceeds balance");
    ctx.store(slot, UInt256.fromBigInteger(have.subtract(amount)));
    ctx.store(Layout.SUPPLY, UInt256.fromBigInteger(ctx.load(Layout.SUPPLY).toBigInteger().subtract(amount)));
    ctx.emit(AssetAbi.TRANSFER_20, issuer, Address.ZERO, amount);
    return SystemResult.success(Bytes.EMPTY);
  }

  private static SystemResult pause(Ctx ctx, boolean pause) throws Revert, SystemCall.Halt {
    requireIssuer(ctx);
    UInt256 header = ctx.load(Layout.HEADER);
    boolean paused = (Word.flags(header) & Layout.PAUSED) != 0;
    Ctx.require(paused != pause, pause ? "Pausable: paused" : "Pausable: not paused");
    int flags = pause ? Word.flags(header) | Layout.PAUSED : Word.flags(header) & ~Layout.PAUSED;
    ctx.store(Layout.HEADER, Word.pack(Word.address(header), Word.mid(header), flags));
    ctx.emit(pause ? AssetAbi.PAUSED_EVENT : AssetAbi.UNPAUSED_EVENT, ctx.caller());
    return SystemResult.success(Bytes.EMPTY);
  }
}
