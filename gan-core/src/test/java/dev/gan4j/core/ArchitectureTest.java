package dev.gan4j.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/** gan-core never reaches into a backend or its numeric library, and its packages form no cycle. */
class ArchitectureTest extends LibraryArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.core");
    }

    @Test
    void coreImportsNoBackendAndNoNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.mnist..")
                .check(productionClasses());
    }
}
