package dev.gan4j.backend.ejml;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** The ejml backend is built against gan-api only, and is not the application. */
class ArchitectureTest {

    private static final JavaClasses BACKEND = ModuleRules.productionClasses("dev.gan4j.backend.ejml");

    @Test
    void usesNoGan4jModuleButTheApi() {
        ModuleRules.backendUsesOnlyTheApi("dev.gan4j.backend.ejml").check(BACKEND);
    }

    @Test
    void backendIsNotTheApplication() {
        ModuleRules.NOT_THE_APPLICATION.check(BACKEND);
    }

    @Test
    void packagesHaveNoCycles() {
        ModuleRules.NO_PACKAGE_CYCLES.check(BACKEND);
    }
}
