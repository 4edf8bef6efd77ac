package dev.gan4j.mnist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** gan-mnist depends on gan-api and the JDK only: no backend, no numeric library, no core. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.gan4j.mnist");

    @Test
    void usesNoBackendOrNumericLibrary() {
        noClasses().that().resideInAPackage("dev.gan4j.mnist..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ejml..", "org.nd4j..", "dev.gan4j.backend..",
                        "dev.gan4j.core..", "dev.gan4j.examples..")
                .check(classes);
    }
}
