package dev.weft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between Weft's modules, checked on the classes of all of them (read from each module's
 * {@code target} directory; the reactor builds them before this module):
 * <ul>
 *   <li>{@code dev.weft.internal} is used by weft-core alone: the harness, the Kotlin DSL, the examples and these
 *       engine tests use the public API, and so reach no {@code dev.weft.internal} class. weft-bench may, to measure
 *       one piece of the engine alone.</li>
 *   <li>No other module adds a class to a package of weft-core (a split package): weft-bench's door into the server
 *       is its own {@code dev.weft.bench} package. Only tests sit in the package they test.</li>
 *   <li>The engine tests, although they sit in weft-core's packages, use only what is public there: no
 *       package-private class or member.</li>
 * </ul>
 */
@AnalyzeClasses(locations = ModuleBoundariesTest.AllModules.class)
class ModuleBoundariesTest {

    /** A module's compiled classes, by directory under the repository root. */
    enum Module {
        CORE("weft-core", "framework-java/target/classes"),
        KOTLIN("weft-kotlin", "dsl-kotlin/target/classes"),
        KOTLIN_TESTS("weft-kotlin's tests", "dsl-kotlin/target/test-classes"),
        HARNESS("weft-test", "test-harness/target/classes"),
        HARNESS_TESTS("weft-test's tests", "test-harness/target/test-classes"),
        ENGINE_TESTS("engine-tests", "engine-tests/target/test-classes"),
        EXAMPLES("weft-examples", "examples/target/classes"),
        EXAMPLES_TESTS("weft-examples' tests", "examples/target/test-classes"),
        BENCH("weft-bench", "benchmarks/target/classes");

        final String title;
        final Path dir;

        Module(String title, String dir) {
            this.title = title;
            this.dir = root().resolve(dir).normalize();
        }

        /** The module a class was read from; empty for a class resolved from the class path (a library's). */
        static Optional<Module> of(JavaClass c) {
            return c.getSource().map(s -> s.getUri()).filter(u -> "file".equals(u.getScheme()))
                    .flatMap(u -> Arrays.stream(values()).filter(m -> Path.of(u).startsWith(m.dir)).findFirst());
        }

        private static Path root() {
            String root = System.getProperty("weft.root");
            if (root == null) {
                throw new IllegalStateException("the system property weft.root (the repository root) is not set; "
                        + "engine-tests/pom.xml sets it for Surefire");
            }
            return Path.of(root).toAbsolutePath();
        }
    }

    /** Every module's classes; a module not built yet fails the test rather than being skipped. */
    public static final class AllModules implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            Set<Location> out = new LinkedHashSet<>();
            for (Module m : Module.values()) {
                if (!Files.isDirectory(m.dir)) {
                    throw new IllegalStateException(m.dir + " does not exist: build " + m.title + " first (mvn verify"
                            + " at the root builds every module before engine-tests)");
                }
                out.add(Location.of(m.dir));
            }
            return out;
        }
    }

    /**
     * Uses of {@code dev.weft.internal} outside weft-core that other work of issue #16 removes, as "origin class ->
     * internal class" (top-level classes). Each entry must still be a use: delete it when its use is gone.
     */
    static final Set<String> PENDING = Set.of(); // none left: the loop's public API replaced the last ones

    @ArchTest
    static final ArchRule only_weft_core_and_weft_bench_use_weft_internals = classes()
            .that(areIn(Module.KOTLIN, Module.KOTLIN_TESTS, Module.HARNESS, Module.HARNESS_TESTS, Module.ENGINE_TESTS,
                    Module.EXAMPLES, Module.EXAMPLES_TESTS))
            .should(useNoWeftInternalsBut(PENDING))
            .because("dev.weft.internal is used by weft-core alone: what the harness or the DSL needs from the engine"
                    + " is public, small and documented, never a reach into internals");

    @ArchTest
    static final ArchRule no_module_adds_classes_to_a_package_of_weft_core = classes()
            .that(areIn(Module.KOTLIN, Module.HARNESS, Module.EXAMPLES, Module.BENCH))
            .should(resideOutsideThePackagesOf(Module.CORE))
            .because("a split package breaks on the module path and reaches package-private internals; weft-bench "
                    + "uses dev.weft.internal from its own package");

    @ArchTest
    static final ArchRule engine_tests_use_only_what_is_public_in_weft_core = classes()
            .that(areIn(Module.ENGINE_TESTS))
            .should(useOnlyPublicClassesAndMembersOf(Module.CORE))
            .because("the engine tests test the engine as its users see it, through the test harness");

    @ArchTest
    static void every_pending_use_of_weft_internals_is_still_a_use(JavaClasses classes) {
        Set<String> uses = new TreeSet<>();
        for (JavaClass c : classes) {
            if (Module.of(c).filter(m -> m != Module.CORE && m != Module.BENCH).isPresent()) {
                uses.addAll(internalUses(c));
            }
        }
        assertThat(PENDING).as("entries of PENDING whose use is gone: delete them").isSubsetOf(uses);
    }

    @Test
    void every_module_of_the_build_is_read() {
        assertThat(new AllModules().get(getClass())).hasSize(Module.values().length);
    }

    private static DescribedPredicate<JavaClass> areIn(Module... modules) {
        Set<Module> in = Set.of(modules);
        return DescribedPredicate.describe("are in " + Arrays.stream(modules).map(m -> m.title)
                .collect(Collectors.joining(", ")), c -> Module.of(c).filter(in::contains).isPresent());
    }

    /** "Origin -> target" for each dependency of {@code c} on a {@code dev.weft.internal} class, by top-level class. */
    private static Set<String> internalUses(JavaClass c) {
        Set<String> out = new TreeSet<>();
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            JavaClass target = d.getTargetClass();
            if (target.getPackageName().startsWith("dev.weft.internal")) {
                out.add(topLevel(c).getName() + " -> " + topLevel(target).getName());
            }
        }
        return out;
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass k = c;
        while (k.getEnclosingClass().isPresent()) {
            k = k.getEnclosingClass().get();
        }
        return k;
    }

    private static ArchCondition<JavaClass> useNoWeftInternalsBut(Set<String> pending) {
        return new ArchCondition<>("depend on no class in dev.weft.internal..") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.getPackageName().startsWith("dev.weft.internal")
                            && !pending.contains(topLevel(c).getName() + " -> " + topLevel(target).getName())) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> resideOutsideThePackagesOf(Module module) {
        return new ArchCondition<>("reside outside the packages of " + module.title) {
            private final Set<String> packages = new HashSet<>();

            @Override
            public void init(java.util.Collection<JavaClass> all) {
                // The rule sees only the classes it checks; the module's packages come from its directory.
                try (var files = Files.walk(module.dir)) {
                    files.filter(p -> p.toString().endsWith(".class")).forEach(p -> packages.add(
                            module.dir.relativize(p.getParent()).toString().replace(p.getFileSystem()
                                    .getSeparator(), ".")));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (packages.contains(c.getPackageName())) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is in " + c.getPackageName()
                            + ", a package of " + module.title));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> useOnlyPublicClassesAndMembersOf(Module module) {
        return new ArchCondition<>("use only public classes and members of " + module.title) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (Module.of(target).orElse(null) == module && !visible(target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                + " (" + target.getName() + " is not public)"));
                    }
                }
                for (JavaAccess<?> a : c.getAccessesFromSelf()) {
                    AccessTarget t = a.getTarget();
                    if (Module.of(t.getOwner()).orElse(null) != module || !visible(t.getOwner())) {
                        continue; // a class that is not public is reported as a dependency above
                    }
                    Optional<? extends JavaMember> member = t.resolveMember();
                    if (member.isPresent() && !visible(member.get())) {
                        events.add(SimpleConditionEvent.violated(a, a.getDescription() + " (not public)"));
                    }
                }
            }
        };
    }

    /** Public, or protected (a nested class, a member), up to the top-level class. */
    private static boolean visible(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            Set<JavaModifier> m = k.getModifiers();
            if (!m.contains(JavaModifier.PUBLIC) && !(k.isNestedClass() && m.contains(JavaModifier.PROTECTED))) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED);
    }
}
