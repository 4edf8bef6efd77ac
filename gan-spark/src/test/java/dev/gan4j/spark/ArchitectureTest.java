package dev.gan4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/**
 * gan-spark's packages form no cycle, and it uses neither picocli nor gan-examples' classes: it
 * finds gan-examples' trial setup through ServiceLoader only, so its code stays a library's.
 */
class ArchitectureTest extends LibraryArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.spark");
    }

    /** The backend is the executors' choice: the assembly jar carries ejml, and spark-submit can add nd4j. */
    @Test
    void usesNoBackendDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.gan4j.backend..",
                "org.nd4j..")
                .because("the executors find their backend through ServiceLoader, as every gan4j program does")
                .check(productionClasses());
    }
}
