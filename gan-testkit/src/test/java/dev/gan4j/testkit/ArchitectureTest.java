package dev.gan4j.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.gan4j.api.architecture.LibraryArchitecture;
import org.junit.jupiter.api.Test;

/**
 * Of gan4j, the test kit uses gan-api only, so that gan-core's own tests can use it; it uses no
 * picocli, and its packages form no cycle.
 */
class ArchitectureTest extends LibraryArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.testkit");
    }

    @Test
    void usesNoGan4jModuleButTheApi() {
        noClasses().should().dependOnClassesThat(resideInAPackage("dev.gan4j..")
                        .and(resideOutsideOfPackages("dev.gan4j.api..", "dev.gan4j.testkit..")))
                .because("gan-core's tests use the kit, so the kit cannot use gan-core")
                .check(productionClasses());
    }
}
