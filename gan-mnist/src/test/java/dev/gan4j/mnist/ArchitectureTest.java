package dev.gan4j.mnist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/** gan-mnist depends on gan-api and the JDK only: no backend, no numeric library, no core. */
class ArchitectureTest extends LibraryArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.mnist");
    }

    @Test
    void usesNoBackendOrNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.mnist..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.core..")
                .check(productionClasses());
    }
}
