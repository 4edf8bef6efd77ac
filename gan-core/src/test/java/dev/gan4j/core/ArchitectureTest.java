package dev.gan4j.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** gan-core never reaches into a backend or its numeric library, and its packages form no cycle. */
class ArchitectureTest {

    private static final JavaClasses CORE = ModuleRules.productionClasses("dev.gan4j.core");

    @Test
    void coreImportsNoBackendAndNoNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.mnist..")
                .check(CORE);
    }

    @Test
    void coreIsNotTheApplication() {
        ModuleRules.NOT_THE_APPLICATION.check(CORE);
    }

    @Test
    void packagesHaveNoCycles() {
        ModuleRules.NO_PACKAGE_CYCLES.check(CORE);
    }
}
