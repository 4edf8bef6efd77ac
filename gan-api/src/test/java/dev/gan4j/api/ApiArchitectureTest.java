package dev.gan4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/** gan-api depends on the JDK only: no other gan4j module, no third-party library. */
class ApiArchitectureTest extends LibraryArchitecture {

    ApiArchitectureTest() {
        super("dev.gan4j.api");
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.gan4j.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gan4j.api..", "java..")
                .check(productionClasses());
    }
}
