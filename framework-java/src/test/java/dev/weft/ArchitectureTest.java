package dev.weft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.ConstructorCallTarget;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The house rules of ARCHITECTURE.md that a machine can check on weft-core's main classes.
 *
 * <p>Package cycles: {@code dev.weft.internal.X} is the implementation of the concept {@code dev.weft.X} (the
 * interface-plus-implementation split of public API and its {@code Default*} implementation, and the "shared secrets" of {@code ResponseAccess}), so a package
 * and its own glue may depend on each other; the server glue, {@code dev.weft.internal.server}, belongs to
 * {@code dev.weft.web}. At the time of writing those pairs are exactly the cycles there are: {@code http <->
 * internal.http}, {@code loop <-> internal.loop}, {@code web <-> internal.web}, {@code web <-> internal.server} and
 * {@code client <-> internal.client}.
 * Any other cycle, between concepts or among internal packages, fails.
 */
@AnalyzeClasses(packages = "dev.weft", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Public API types that may show a Netty type on purpose: the "clearly named escape hatches" of ARCHITECTURE.md, by
     * fully qualified class name. Keep it short and say why next to each entry.
     */
    private static final Set<String> NETTY_ESCAPE_HATCHES = Set.of();

    /** {@code dev.weft.X} and {@code dev.weft.internal.X} are the concept X; {@code internal.server} is web's. */
    private static final SliceAssignment CONCEPTS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (!pkg.startsWith("dev.weft.")) {
                return SliceIdentifier.ignore();
            }
            String rest = pkg.substring("dev.weft.".length());
            if (rest.startsWith("internal.")) {
                rest = rest.substring("internal.".length());
                if (rest.equals("server") || rest.startsWith("server.")) {
                    rest = "web";
                }
            }
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        @Override
        public String getDescription() {
            return "concepts of dev.weft, each with its dev.weft.internal glue";
        }
    };

    @ArchTest
    static final ArchRule public_api_exposes_no_netty_type = classes()
            .that(areApi())
            .and(areNotIn(NETTY_ESCAPE_HATCHES))
            .should(exposeNoTypeFrom("io.netty."))
            .because("users write against Weft, not Netty (ARCHITECTURE.md, rules of the house)");

    @ArchTest
    static final ArchRule public_api_exposes_no_internal_type = classes()
            .that(areApi())
            .should(exposeNoTypeFrom("dev.weft.internal."))
            .because("dev.weft.internal is not API: nothing public may expose a type from there (ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule api_packages_are_free_of_cycles = slices()
            .matching("dev.weft.(**)")
            .that(DescribedPredicate.describe("are not internal", s -> !s.getDescription().contains("internal")))
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule internal_packages_are_free_of_cycles = slices()
            .matching("dev.weft.internal.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule concepts_with_their_internal_glue_are_free_of_cycles = slices()
            .assignedFrom(CONCEPTS)
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule web_and_client_do_not_depend_on_each_other = noClasses()
            .that().resideInAPackage("dev.weft.web..")
            .should().dependOnClassesThat().resideInAPackage("dev.weft.client..")
            .orShould().dependOnClassesThat().resideInAPackage("dev.weft.internal.client..")
            .because("web and client both depend on http and loop, never on each other (ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule client_does_not_depend_on_web = noClasses()
            .that().resideInAPackage("dev.weft.client..")
            .should().dependOnClassesThat().resideInAPackage("dev.weft.web..")
            .because("web and client both depend on http and loop, never on each other (ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule core_contains_no_kotlin = noClasses()
            .should().dependOnClassesThat().resideInAPackage("kotlin..")
            .because("framework-java has no Kotlin (ARCHITECTURE.md); Kotlin lives in dsl-kotlin");

    @ArchTest
    static final ArchRule core_contains_no_test_code = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "io.mockk..")
            .because("framework-java has no test-only code; that belongs in test-harness (ARCHITECTURE.md)");

    /**
     * One clock (ARCHITECTURE.md, the async model): every timer and timestamp goes through the loop's clock and timer API, so
     * that a loop built on a {@code ManualClock} controls all of them. Only the loop implementation reads the JVM's
     * clock or schedules on an executor itself.
     */
    @ArchTest
    static void only_the_loop_implementation_reads_the_jvm_clock_or_schedules_on_an_executor(JavaClasses classes) {
        noClasses()
                .that().resideOutsideOfPackage(LOOP_IMPLEMENTATION)
                .should().callCodeUnitWhere(readTheJvmClockOrSchedule())
                .because("timers and timestamps go through the loop's clock and timers (Loop.clock(), Loop.schedule,"
                        + " NettyLoop.deadline), so that a loop on a ManualClock controls every one of them")
                .check(classes);
    }

    /** Where the JVM's clock may be read and executors scheduled on: the loop implementation. */
    private static final String LOOP_IMPLEMENTATION = "dev.weft.internal.loop";

    /**
     * Calls of {@code System.nanoTime/currentTimeMillis}, {@code Instant.now}, a {@code schedule*} method of any
     * {@code ScheduledExecutorService} (Netty's {@code EventExecutor} and {@code EventLoop} are ones), or a factory or
     * constructor of one.
     */
    private static DescribedPredicate<JavaCall<?>> readTheJvmClockOrSchedule() {
        return DescribedPredicate.describe("read the JVM's clock or schedule on an executor", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            if (owner.equals("java.lang.System")) {
                return name.equals("nanoTime") || name.equals("currentTimeMillis");
            }
            if (owner.equals("java.time.Instant")) {
                return name.equals("now");
            }
            if (owner.equals("java.util.concurrent.Executors")) {
                return name.contains("Scheduled");
            }
            if (call.getTargetOwner().isAssignableTo(ScheduledExecutorService.class)) {
                return name.startsWith("schedule") || call.getTarget() instanceof ConstructorCallTarget;
            }
            return false;
        });
    }

    /**
     * What the connection code may use of {@code dev.weft.web}: the types a handler deals in, and the values that
     * configure a server. Everything else there (the runner, the lifecycle, route tables, middlewares) is behaviour
     * the request path must not call back into.
     */
    private static final Set<String> HANDLER_FACING = Set.of(
            "dev.weft.web.Request", "dev.weft.web.Response", "dev.weft.web.Reply", "dev.weft.web.Handler",
            "dev.weft.web.HttpException", "dev.weft.web.RequestKey", "dev.weft.web.Application",
            "dev.weft.web.ServerConfig", "dev.weft.web.ServerLimits", "dev.weft.web.AccessLog",
            "dev.weft.web.Site", "dev.weft.web.BoundSite", "dev.weft.web.RouteDef",
            // Replies the exchange tells apart and finishes, and what a streamed write fails with.
            "dev.weft.web.StreamResponse", "dev.weft.web.ClientDisconnectedException");

    @ArchTest
    static final ArchRule the_connection_uses_only_the_handler_facing_types_of_web = noClasses()
            .that().resideInAPackage("dev.weft.internal.server..")
            .should().dependOnClassesThat(DescribedPredicate.describe(
                    "are in dev.weft.web.. but not handler-facing " + HANDLER_FACING, ArchitectureTest::behindTheApi))
            .because("the request path runs one way: connection -> dispatch -> chain -> handler -> encoding, and"
                    + " never calls back into dev.weft.web for behaviour (ARCHITECTURE.md)");

    private static boolean behindTheApi(JavaClass c) {
        if (!c.getPackageName().startsWith("dev.weft.web")) {
            return false;
        }
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return !HANDLER_FACING.contains(top.getName()) && !top.isAssignableTo("dev.weft.web.HttpException");
    }

    /** Public classes outside dev.weft.internal whose enclosing classes are public too: what users can name. */
    private static DescribedPredicate<JavaClass> areApi() {
        return DescribedPredicate.describe("are public API", ArchitectureTest::isApi);
    }

    private static boolean isApi(JavaClass c) {
        if (c.getPackageName().startsWith("dev.weft.internal") || c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            Set<JavaModifier> m = k.getModifiers();
            boolean visible = m.contains(JavaModifier.PUBLIC) || k.isNestedClass() && m.contains(JavaModifier.PROTECTED);
            if (!visible) {
                return false;
            }
        }
        return true;
    }

    private static DescribedPredicate<JavaClass> areNotIn(Set<String> escapeHatches) {
        return DescribedPredicate.describe("are not escape hatches " + escapeHatches,
                c -> !escapeHatches.contains(c.getName()));
    }

    /**
     * No type whose name starts with {@code prefix} in the class's supertypes and type parameters, or in the type,
     * parameters, return type, type parameters or throws clause of a public or protected field, constructor or method.
     */
    private static ArchCondition<JavaClass> exposeNoTypeFrom(String prefix) {
        return new ArchCondition<>("expose no type from " + prefix + ".. in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                c.getSuperclass().ifPresent(t -> collect(t, prefix, "extends", found));
                for (JavaType t : c.getInterfaces()) {
                    collect(t, prefix, "implements", found);
                }
                for (JavaTypeVariable<JavaClass> v : c.getTypeParameters()) {
                    collect(v, prefix, "type parameter " + v.getName(), found);
                }
                for (JavaField f : c.getFields()) {
                    if (visible(f)) {
                        collect(f.getType(), prefix, "field " + f.getName(), found);
                    }
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!visible(u) || u.getModifiers().contains(JavaModifier.SYNTHETIC)
                            || u.getModifiers().contains(JavaModifier.BRIDGE)) {
                        continue;
                    }
                    String where = u.getName() + "(..)";
                    collect(u.getReturnType(), prefix, where + " returns", found);
                    for (JavaType p : u.getParameterTypes()) {
                        collect(p, prefix, where + " takes", found);
                    }
                    for (JavaTypeVariable<?> v : u.getTypeParameters()) {
                        collect(v, prefix, where + " type parameter " + v.getName(), found);
                    }
                    u.getThrowsClause().getTypes().forEach(t -> collect(t, prefix, where + " throws", found));
                }
                for (String f : found) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + f));
                }
            }
        };
    }

    private static boolean visible(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED);
    }

    private static void collect(JavaType type, String prefix, String where, List<String> found) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getName().startsWith(prefix)) {
                found.add(where + " " + raw.getName());
            }
        }
    }
}
