package dev.gan4j.mnist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** gan-mnist depends on gan-api and the JDK only: no backend, no numeric library, no core. */
class ArchitectureTest {

    private static final JavaClasses MNIST = ModuleRules.productionClasses("dev.gan4j.mnist");

    @Test
    void usesNoBackendOrNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.mnist..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.core..")
                .check(MNIST);
    }

    @Test
    void mnistIsNotTheApplication() {
        ModuleRules.NOT_THE_APPLICATION.check(MNIST);
    }

    @Test
    void packagesHaveNoCycles() {
        ModuleRules.NO_PACKAGE_CYCLES.check(MNIST);
    }
}
