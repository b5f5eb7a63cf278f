package io.trestle.node;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN §3: dependencies between modules only point down; DESIGN §2.1: the consensus and execution cores stay pure. */
class ModuleDependencyTest {
  /** Bottom to top. A module may use only modules listed before it (and not every one of those, see below). */
  private static final List<String> LAYERS = List.of(
      "crypto", "core", "state", "evm", "txpool", "services", "execution", "consensus", "p2p", "rpc", "node");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.trestle");
  }

  @Test
  void modulesDependOnlyOnLowerModules() {
    for (int i = 0; i < LAYERS.size(); i++) {
      String[] higher = LAYERS.subList(i + 1, LAYERS.size()).stream().map(m -> "io.trestle." + m + "..").toArray(String[]::new);
      if (higher.length == 0) {
        continue;
      }
      noClasses().that().resideInAPackage("io.trestle." + LAYERS.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(higher)
          .because("DESIGN §3: dependencies only point down")
          .check(classes);
    }
  }

  @Test
  void siblingsStayApart() {
    noClasses().that().resideInAPackage("io.trestle.evm..")
        .should().dependOnClassesThat().resideInAnyPackage("io.trestle.state..", "io.trestle.txpool..")
        .because("the EVM sees the world only through its own interfaces").check(classes);
    noClasses().that().resideInAPackage("io.trestle.consensus..")
        .should().dependOnClassesThat().resideInAnyPackage("io.trestle.state..", "io.trestle.evm..",
            "io.trestle.txpool..", "io.trestle.services..", "io.trestle.execution..")
        .because("DESIGN §2.2: the consensus engine does not know the EVM or storage").check(classes);
    noClasses().that().resideInAPackage("io.trestle.p2p..")
        .should().dependOnClassesThat().resideInAnyPackage("io.trestle.state..", "io.trestle.evm..",
            "io.trestle.execution..", "io.trestle.services..")
        .check(classes);
  }

  @Test
  void executionCoreIsDeterministic() {
    noClasses().that().resideInAnyPackage("io.trestle.evm..", "io.trestle.services..", "io.trestle.consensus..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "io.netty..", "org.rocksdb..")
        .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .because("DESIGN §2.1: no clock, thread, socket or random source in the deterministic cores")
        .check(classes);
  }

  @Test
  void noCycles() {
    slices().matching("io.trestle.(*)..").should().beFreeOfCycles().check(classes);
  }
}
