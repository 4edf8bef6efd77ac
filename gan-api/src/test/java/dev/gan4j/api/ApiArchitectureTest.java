package dev.gan4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** gan-api depends on the JDK only: no other gan4j module, no third-party library. */
class ApiArchitectureTest {

    @Test
    void apiDependsOnTheJdkOnly() {
        JavaClasses api = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gan4j.api");
        classes().that().resideInAPackage("dev.gan4j.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gan4j.api..", "java..")
                .check(api);
    }
}
