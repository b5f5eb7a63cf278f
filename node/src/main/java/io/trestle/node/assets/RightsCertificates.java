package io.trestle.node.assets;

import io.trestle.core.Address;
import io.trestle.core.Hash;
import io.trestle.core.block.Log;
import io.trestle.execution.Chain;
import io.trestle.execution.ChainStore;
import io.trestle.node.identity.EvidenceReceipt;
import io.trestle.node.identity.ReceiptBuilder;
import io.trestle.node.identity.ReceiptUnavailableException;
import io.trestle.services.assets.AssetEvents;
import io.trestle.services.did.Did;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds the {@link RightsCertificate} of a work from the chain and the asset index: the mint's proof, then one per
 * rights transfer, each made by the evidence receipt builder ({@link ReceiptBuilder#prove}). The stated rights are
 * replayed from those same logs, so a certificate says exactly what its records prove.
 */
final class RightsCertificates {
  private final Chain chain;
  private final AssetIndex index;
  private final ReceiptBuilder proofs;

  RightsCertificates(Chain chain, AssetIndex index) {
    this.chain = chain;
    this.index = index;
    this.proofs = new ReceiptBuilder(chain);
  }

  /** The certificate, or null while the block after the last record is not yet committed with its certificate. */
  RightsCertificate build(Address asset, long id) throws AssetQueryException {
    AssetIndex.Work work = index.work(asset, id);
    if (work == null) {
      throw AssetQueryException.notFound("no work " + Long.toUnsignedString(id) + " in " + asset.toChecksumHex()
          + " (or the index has not reached its mint yet)");
    }
    List<EvidenceReceipt.Proof> records = new ArrayList<>();
    List<Log> mintLogs = logs(work.tx());
    int mintLog = find(mintLogs, e -> e instanceof AssetEvents.WorksRegistered w && w.asset().equals(asset)
        && w.firstId() <= id && id < w.firstId() + w.fingerprints().size());
    AssetEvents.RightsDefined defined = null;
    for (Log l : mintLogs) {
      for (AssetEvents.Event e : AssetEvents.decode(l.address(), l.topics(), l.data())) {
        if (e instanceof AssetEvents.RightsDefined d && d.asset().equals(asset) && d.rightsId() == work.rightsId()) {
          defined = d;
        }
      }
    }
    if (mintLog < 0 || defined == null) {
      throw AssetQueryException.notFound("the mint of work " + Long.toUnsignedString(id) + " recorded no rights");
    }
    Address holder = defined.rightHolder();
    if (!add(records, work.tx(), mintLog)) {
      return null;
    }
    String cursor = null;
    do {
      AssetIndex.Page<AssetIndex.Move> page;
      try {
        page = index.rightsHistory(asset, id, cursor, 100);
      } catch (AssetIndex.BadCursorException e) {
        throw new IllegalStateException("the index's own cursor does not decode", e);
      }
      for (AssetIndex.Move m : page.items()) {
        if (records.size() == RightsCertificate.RECORDS_MAX) {
          throw AssetQueryException.badInput("work " + Long.toUnsignedString(id) + " changed right holder more than "
              + (RightsCertificate.RECORDS_MAX - 1) + " times; its rights history lists them");
        }
        int at = find(logs(m.tx()), e -> e instanceof AssetEvents.RightsTransferred t && t.asset().equals(asset)
            && t.id() == id && t.from().equals(m.from()) && t.to().equals(m.to()));
        if (at < 0 || !add(records, m.tx(), at)) {
          return null;
        }
        holder = m.to();
      }
      cursor = page.next();
    } while (cursor != null);
    long chainId = chain.genesis().chainId();
    return new RightsCertificate(RightsCertificate.VERSION, new RightsCertificate.Rights(asset.toHex(), id,
        work.rightsId(), defined.creator().toHex(), Did.of(chainId, defined.creator()).toString(), holder.toHex(),
        Did.of(chainId, holder).toString(), defined.licenseUri(), defined.licenseHash().toHex()), records);
  }

  private boolean add(List<EvidenceReceipt.Proof> records, Hash tx, int logIndex) throws AssetQueryException {
    try {
      EvidenceReceipt.Proof p = proofs.prove(tx, logIndex);
      if (p == null) {
        return false;
      }
      records.add(p);
      return true;
    } catch (ReceiptUnavailableException e) {
      throw AssetQueryException.notFound(e.getMessage());
    }
  }

  private List<Log> logs(Hash tx) throws AssetQueryException {
    ChainStore store = chain.store();
    ChainStore.Location at = store.location(tx);
    if (at == null) {
      throw AssetQueryException.notFound("transaction " + tx + " is not in a committed block");
    }
    return store.executed(at.number(), chain.blockHash(at.number())).get(at.index()).receipt().logs();
  }

  private static int find(List<Log> logs, Predicate<AssetEvents.Event> wanted) {
    for (int i = 0; i < logs.size(); i++) {
      Log l = logs.get(i);
      for (AssetEvents.Event e : AssetEvents.decode(l.address(), l.topics(), l.data())) {
        if (wanted.test(e)) {
          return i;
        }
      }
    }
    return -1;
  }
}
