package dev.gan4j.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** gan-core never reaches into a backend or its numeric library. */
class ArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gan4j.core");

    @Test
    void coreImportsNoBackendAndNoNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.mnist..", "dev.gan4j.examples..")
                .check(CORE);
    }
}
