package io.trestle.consensus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine must stay a deterministic state machine (DESIGN §2.1): no clock, thread, executor, random source,
 * socket, Netty or RocksDB in the main code of {@code io.trestle.consensus} and its subpackages, and no
 * dependency on modules above it.
 */
class DeterminismArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.trestle.consensus");

  @Test
  void readsNoClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
        .because("time enters the engine only as the nowMs of an event")
        .check(MAIN);
  }

  @Test
  void startsNoThreadsOrExecutors() {
    noClasses().should().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
        .because("the engine is single-threaded; the driver owns concurrency")
        .check(MAIN);
  }

  @Test
  void drawsNoRandomNumbers() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
        .because("a seed must replay a simulated run exactly")
        .check(MAIN);
  }

  @Test
  void touchesNoNetworkOrStorage() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..", "io.netty..",
            "org.rocksdb..", "java.io..")
        .because("sending and storing are actions the driver performs")
        .check(MAIN);
  }

  @Test
  void dependsOnlyOnCoreAndCrypto() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.trestle.state..", "io.trestle.evm..",
            "io.trestle.txpool..", "io.trestle.services..", "io.trestle.execution..", "io.trestle.p2p..",
            "io.trestle.rpc..", "io.trestle.node..")
        .because("dependencies only point down (DESIGN §3)")
        .check(MAIN);
  }

  @Test
  void certificatesNeverDependOnTheEngineOrTheWire() {
    noClasses().that().resideInAPackage("io.trestle.consensus.cert..")
        .should().dependOnClassesThat().resideInAnyPackage("io.trestle.consensus", "io.trestle.consensus.wire..")
        .because("light clients use the certificate package alone")
        .check(MAIN);
  }
}
