package dev.gan4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** gan-api depends on the JDK only: no other gan4j module, no third-party library. */
class ApiArchitectureTest {

    private static final JavaClasses API = ModuleRules.productionClasses("dev.gan4j.api");

    @Test
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.gan4j.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gan4j.api..", "java..")
                .check(API);
    }

    @Test
    void packagesHaveNoCycles() {
        ModuleRules.NO_PACKAGE_CYCLES.check(API);
    }
}
