package org.styleatlas.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ViolationHandler;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/ARCHITECTURE.md, checked on the compiled main classes of
 * every Java module (engine, vertx-host and the CLI are all on this module's test class path;
 * ofx-bridge has no Java main code). A rule broken by a change fails the build with the offending
 * dependency and the line it is on.
 */
class ArchitectureTest {
  static final String ENGINE = "org.styleatlas.engine..";
  static final String HOST = "org.styleatlas.host..";
  static final String CLI = "org.styleatlas.cli..";
  static final String OFX = "org.styleatlas.ofx..";

  /** The application API: the only part of engine that the host and the CLI may use. */
  static final String APPLICATION_API = "org.styleatlas.engine.studio..";

  /**
   * The jobs API (job records, specs and settings, the executor the studio hands out): part of the
   * application API's surface, since the host's job endpoints and the bridge's status speak in its
   * records (docs/ARCHITECTURE.md, "The application API").
   */
  static final String JOBS_API = "org.styleatlas.engine.jobs..";

  /**
   * Engine classes outside {@link #APPLICATION_API} that are part of its contract (thrown or
   * returned by it).
   */
  static final Set<String> API_VALUE_TYPES =
      Set.of(
          "org.styleatlas.engine.InputException",
          // taken by the studio's long-running calls (progress display and Ctrl-C in the CLI)
          "org.styleatlas.engine.runtime.ProgressSink",
          "org.styleatlas.engine.runtime.Cancellation",
          // the spread of a benchmark's figure over runs (studio.bench's rates)
          "org.styleatlas.engine.runtime.RunStats");

  /**
   * The only engine packages that may touch JavaCV (FFmpeg, OpenCV): video I/O and optical flow.
   */
  static final String[] JAVACV_USERS = {
    "org.styleatlas.engine.video..", "org.styleatlas.engine.flow.."
  };

  static final JavaClasses MAIN_CLASSES =
      new ClassFileImporter()
          .withImportOption(ArchitectureTest::isMainClass)
          .importPackages("org.styleatlas");

  /** Compiled main code only: not test classes, whether in a folder or in a module's test-jar. */
  private static boolean isMainClass(com.tngtech.archunit.core.importer.Location location) {
    return !location.contains("/test-classes/")
        && !location.matches(Pattern.compile(".*-tests\\.jar.*"));
  }

  static final ArchRule ENGINE_IS_INDEPENDENT =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vertx..", "com.sun.jna..", OFX, HOST, CLI)
          .because(
              "engine computes; transport (Vert.x), the plug-in (JNA, OpenFX) and the CLI are its callers");

  static final ArchRule ENGINE_PACKAGES_ARE_ACYCLIC =
      SlicesRuleDefinition.slices()
          .assignedFrom(new EnginePackages())
          .should()
          .beFreeOfCycles()
          .because(
              "each engine package builds on lower ones only (a package and its subpackages count as distinct)");

  static final DescribedPredicate<JavaClass> ENGINE_INTERNALS =
      resideInAPackage(ENGINE)
          .and(not(resideInAnyPackage(APPLICATION_API, JOBS_API)))
          .and(
              DescribedPredicate.describe(
                  "not an API value type", c -> !API_VALUE_TYPES.contains(c.getName())));

  static final ArchRule CALLERS_USE_ONLY_THE_API =
      noClasses()
          .that()
          .resideInAnyPackage(HOST, CLI)
          .should()
          .dependOnClassesThat(ENGINE_INTERNALS)
          .because(
              "the host keeps transport and the CLI keeps parsing and display; the engine API does the rest");

  static final ArchRule DJL_STAYS_IN_ENGINE =
      noClasses()
          .that()
          .resideOutsideOfPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.djl..")
          .because("tensors and models are engine business");

  static final ArchRule JAVACV_STAYS_IN_VIDEO_AND_FLOW =
      noClasses()
          .that()
          .resideOutsideOfPackages(JAVACV_USERS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.bytedeco..")
          .because("FFmpeg and OpenCV are reached through engine video and flow only");

  @Test
  void everyModuleIsImported() {
    for (String pkg : List.of(ENGINE, HOST, CLI)) {
      assertTrue(
          MAIN_CLASSES.stream().anyMatch(resideInAPackage(pkg)), "no main class found in " + pkg);
    }
  }

  @Test
  void engineDependsOnNoCaller() {
    ENGINE_IS_INDEPENDENT.check(MAIN_CLASSES);
  }

  @Test
  void enginePackagesAreFreeOfCycles() {
    ENGINE_PACKAGES_ARE_ACYCLIC.check(MAIN_CLASSES);
  }

  @Test
  void hostAndCliUseOnlyTheApplicationApi() {
    assertNoViolation(CALLERS_USE_ONLY_THE_API);
  }

  @Test
  void djlStaysInEngine() {
    assertNoViolation(DJL_STAYS_IN_ENGINE);
  }

  @Test
  void javacvStaysInEngineVideoAndFlow() {
    assertNoViolation(JAVACV_STAYS_IN_VIDEO_AND_FLOW);
  }

  @Test
  void noTwoMainClassesShareASimpleName() {
    Map<String, List<String>> byName =
        MAIN_CLASSES.stream()
            .filter(
                c -> c.getEnclosingClass().isEmpty() && !c.getSimpleName().equals("package-info"))
            .collect(
                Collectors.groupingBy(
                    JavaClass::getSimpleName,
                    TreeMap::new,
                    Collectors.mapping(JavaClass::getName, Collectors.toList())));
    byName.values().removeIf(names -> names.size() < 2);
    assertEquals(
        Map.of(),
        byName,
        "top-level main classes with the same simple name mean different things under"
            + " one name: rename one of each pair");
  }

  @Test
  void apiValueTypesExist() {
    for (String name : API_VALUE_TYPES) {
      assertTrue(MAIN_CLASSES.contain(name), "API_VALUE_TYPES names a missing class: " + name);
    }
  }

  private static void assertNoViolation(ArchRule rule) {
    assertEquals(
        Map.of(),
        violations(rule),
        "classes breaking: "
            + rule.getDescription()
            + "\n(top-level class = the packages it must not use; the rule's own report names the lines)");
  }

  /**
   * A rule's violators: each origin top-level class and the packages of the targets it must not
   * use.
   */
  static Map<String, Set<String>> violations(ArchRule rule) {
    Map<String, Set<String>> found = new TreeMap<>();
    rule.evaluate(MAIN_CLASSES)
        .handleViolations(
            new ViolationHandler<Dependency>() {
              @Override
              public void handle(Collection<Dependency> violatingObjects, String message) {
                for (Dependency d : violatingObjects) {
                  found
                      .computeIfAbsent(topLevel(d.getOriginClass()), k -> new TreeSet<>())
                      .add(d.getTargetClass().getPackageName());
                }
              }
            });
    return found;
  }

  private static String topLevel(JavaClass c) {
    JavaClass outer = c;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer.getName();
  }

  /**
   * One slice per engine package, the root package included; a subpackage is a slice of its own.
   */
  static final class EnginePackages implements SliceAssignment {
    private static final String ROOT = "org.styleatlas.engine";

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".")
          ? SliceIdentifier.of(pkg)
          : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "engine packages";
    }
  }
}
