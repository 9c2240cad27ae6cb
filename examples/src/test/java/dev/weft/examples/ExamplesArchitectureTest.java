package dev.weft.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Examples are what users copy: they use Weft's API only, never its internals or Netty. */
@AnalyzeClasses(packages = "dev.weft.examples", importOptions = ImportOption.DoNotIncludeTests.class)
class ExamplesArchitectureTest {

    @ArchTest
    static final ArchRule examples_use_no_weft_internals = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.weft.internal..")
            .because("examples show the public API; dev.weft.internal may change in any release");

    @ArchTest
    static final ArchRule examples_use_no_netty = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("users write against Weft, not Netty");
}
