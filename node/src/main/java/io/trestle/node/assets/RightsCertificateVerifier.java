package io.trestle.node.assets;

import io.trestle.core.Address;
import io.trestle.core.block.Log;
import io.trestle.crypto.Hex;
import io.trestle.node.identity.EvidenceReceipt;
import io.trestle.node.identity.ReceiptFormatException;
import io.trestle.node.identity.ReceiptVerifier;
import io.trestle.node.identity.ReceiptVerifier.Check;
import io.trestle.node.identity.ReceiptVerifier.Outcome;
import io.trestle.node.identity.Trust;
import io.trestle.services.assets.AssetAddresses;
import io.trestle.services.assets.AssetEvents;
import io.trestle.services.did.Did;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link RightsCertificate} offline against nothing but the genesis file. Each record goes through the
 * evidence receipt verifier ({@link ReceiptVerifier#verify(EvidenceReceipt.Proof, ReceiptVerifier.Subject)}: chain,
 * validator set, certified header, block, receipt and transaction proofs), its checks reported as
 * {@code records[i].<check>}; the subject of the first is the mint, of the others a rights transfer. The records
 * are replayed from the creator to the last right holder, and the last check, {@code rights}, compares what the
 * certificate states with that replay. Never throws on bad input.
 */
public final class RightsCertificateVerifier {
  private final Trust trust;
  private final ReceiptVerifier proofs;

  public RightsCertificateVerifier(Trust trust) {
    this.trust = trust;
    this.proofs = new ReceiptVerifier(trust);
  }

  public ReceiptVerifier.Verdict verify(byte[] json) {
    List<Check> checks = new ArrayList<>();
    RightsCertificate c;
    try {
      c = RightsCertificateJson.parse(json);
    } catch (ReceiptFormatException e) {
      checks.add(new Check("format", Outcome.FAIL, e.getMessage()));
      checks.add(new Check("records", Outcome.NOT_CHECKED, "an earlier check failed"));
      checks.add(new Check("rights", Outcome.NOT_CHECKED, "an earlier check failed"));
      return new ReceiptVerifier.Verdict(checks);
    }
    checks.add(new Check("format", Outcome.PASS, "certificate version " + c.version() + ", " + c.records().size()
        + " record(s)"));
    Replay replay;
    try {
      replay = new Replay(c.rights());
    } catch (IllegalArgumentException e) {
      checks.add(new Check("rights", Outcome.FAIL, e.getMessage()));
      return new ReceiptVerifier.Verdict(checks);
    }
    for (int i = 0; i < c.records().size(); i++) {
      EvidenceReceipt.Proof record = c.records().get(i);
      ReceiptVerifier.Verdict v = proofs.verify(record, i == 0 ? replay.mint(record) : replay.transfer(record));
      for (Check k : v.checks()) {
        checks.add(new Check("records[" + i + "]." + k.name(), k.outcome(), k.detail()));
      }
      if (!v.valid()) {
        checks.add(new Check("rights", Outcome.NOT_CHECKED, "an earlier check failed"));
        return new ReceiptVerifier.Verdict(checks);
      }
    }
    String problem = replay.differences(c.rights());
    checks.add(new Check("rights", problem == null ? Outcome.PASS : Outcome.FAIL, problem == null
        ? "work " + c.rights().tokenId() + " of " + c.rights().asset() + ": created by " + c.rights().creatorDid()
            + ", rights held by " + c.rights().rightHolderDid() + " as of block " + replay.block
        : problem));
    return new ReceiptVerifier.Verdict(checks);
  }

  /** The rights as the records tell them, one record at a time. */
  private final class Replay {
    final Address asset;
    final long id;
    long rightsId;
    Address creator;
    Address holder;
    String licenseUri;
    String licenseHash;
    long block = -1;
    long receiptIndex = -1;

    Replay(RightsCertificate.Rights stated) {
      asset = Address.wrap(Hex.decode(stated.asset().substring(2)));
      id = stated.tokenId();
      if (!AssetAddresses.isInstance(asset)) {
        throw new IllegalArgumentException("rights.asset " + stated.asset() + " is not a collection address of the "
            + "asset contracts (" + AssetAddresses.INSTANCES_FIRST.toHex() + " to " + AssetAddresses.INSTANCES_LAST.toHex()
            + "): its logs could come from anyone's contract");
      }
    }

    /** Records must follow each other in chain order: a later block, or a later receipt of the same block. */
    void after(ReceiptVerifier.Proven p, EvidenceReceipt.Proof record) throws ReceiptVerifier.SubjectException {
      long index = record.receipt().index();
      if (p.blockNumber() < block || (p.blockNumber() == block && index <= receiptIndex)) {
        throw new ReceiptVerifier.SubjectException("record in block " + p.blockNumber() + " receipt " + index
            + " does not follow the previous one (block " + block + " receipt " + receiptIndex + ")");
      }
      block = p.blockNumber();
      receiptIndex = index;
    }

    void fromAsset(ReceiptVerifier.Proven p) throws ReceiptVerifier.SubjectException {
      if (!p.log().address().equals(asset) || !asset.equals(p.transaction().to())) {
        throw new ReceiptVerifier.SubjectException("the log (from " + p.log().address().toHex()
            + ") and its transaction (to " + p.transaction().to() + ") must both be the collection " + asset.toHex());
      }
    }

    ReceiptVerifier.Subject mint(EvidenceReceipt.Proof record) {
      return new ReceiptVerifier.Subject() {
        @Override
        public String name() {
          return "mint";
        }

        @Override
        public String check(ReceiptVerifier.Proven p) throws ReceiptVerifier.SubjectException {
          fromAsset(p);
          AssetEvents.WorksRegistered works = null;
          for (AssetEvents.Event e : events(p.log())) {
            if (e instanceof AssetEvents.WorksRegistered w && w.firstId() <= id
                && id < w.firstId() + w.fingerprints().size()) {
              works = w;
            }
          }
          if (works == null) {
            throw new ReceiptVerifier.SubjectException("the log is not a WorksRegistered event that includes work " + id);
          }
          for (Log l : p.receipt().logs()) {
            for (AssetEvents.Event e : events(l)) {
              if (e instanceof AssetEvents.RightsDefined d && d.asset().equals(asset) && d.rightsId() == works.rightsId()) {
                rightsId = d.rightsId();
                creator = d.creator();
                holder = d.rightHolder();
                licenseUri = d.licenseUri();
                licenseHash = d.licenseHash().toHex();
              }
            }
          }
          if (creator == null) {
            throw new ReceiptVerifier.SubjectException("the proven receipt defines no rights record " + works.rightsId());
          }
          after(p, record);
          return "work " + id + " minted under rights record " + rightsId + " by creator " + creator.toHex();
        }
      };
    }

    ReceiptVerifier.Subject transfer(EvidenceReceipt.Proof record) {
      return new ReceiptVerifier.Subject() {
        @Override
        public String name() {
          return "rightsTransfer";
        }

        @Override
        public String check(ReceiptVerifier.Proven p) throws ReceiptVerifier.SubjectException {
          fromAsset(p);
          AssetEvents.RightsTransferred moved = null;
          for (AssetEvents.Event e : events(p.log())) {
            if (e instanceof AssetEvents.RightsTransferred t && t.id() == id) {
              moved = t;
            }
          }
          if (moved == null) {
            throw new ReceiptVerifier.SubjectException("the log is not a RightsTransferred event of work " + id);
          }
          if (!moved.from().equals(holder) || !p.sender().equals(holder)) {
            throw new ReceiptVerifier.SubjectException("the rights moved from " + moved.from().toHex() + " by "
                + p.sender().toHex() + ", but " + holder.toHex() + " held them");
          }
          after(p, record);
          holder = moved.to();
          return "rights of work " + id + " moved from " + moved.from().toHex() + " to " + moved.to().toHex();
        }
      };
    }

    String differences(RightsCertificate.Rights s) {
      long chainId = trust.chainId();
      List<String> wrong = new ArrayList<>();
      compare(wrong, "rightsId", s.rightsId(), rightsId);
      compare(wrong, "creator", s.creator(), creator.toHex());
      compare(wrong, "creatorDid", s.creatorDid(), Did.of(chainId, creator).toString());
      compare(wrong, "rightHolder", s.rightHolder(), holder.toHex());
      compare(wrong, "rightHolderDid", s.rightHolderDid(), Did.of(chainId, holder).toString());
      compare(wrong, "licenseUri", s.licenseUri(), licenseUri);
      compare(wrong, "licenseHash", s.licenseHash(), licenseHash);
      return wrong.isEmpty() ? null : "the records say otherwise: " + String.join("; ", wrong);
    }

    private void compare(List<String> wrong, String field, Object stated, Object proven) {
      if (!stated.equals(proven)) {
        wrong.add("rights." + field + " is " + stated + ", the records give " + proven);
      }
    }

    List<AssetEvents.Event> events(Log l) {
      return AssetEvents.decode(l.address(), l.topics(), l.data());
    }
  }
}
