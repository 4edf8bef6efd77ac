package dev.gan4j.mnist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/**
 * gan-mnist's data pipeline depends on gan-api and the JDK only: no backend, no numeric library,
 * no core. The one exception is {@link ExperimentData}, the bridge that opens an experiment's
 * {@code "data"} section (gan-core's {@code DataConfig}) as a dataset, so that a library user needs
 * gan-core, gan-mnist and a backend and nothing else.
 */
class ArchitectureTest extends LibraryArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.mnist");
    }

    @Test
    void usesNoBackendOrNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.mnist..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..")
                .check(productionClasses());
    }

    @Test
    void onlyTheExperimentBridgeUsesTheCore() {
        noClasses().that().resideInAPackage("dev.gan4j.mnist..").and().doNotHaveSimpleName("ExperimentData")
                .should().dependOnClassesThat().resideInAPackage("dev.gan4j.core..")
                .check(productionClasses());
    }
}
