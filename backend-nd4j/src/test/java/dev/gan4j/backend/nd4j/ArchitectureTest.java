package dev.gan4j.backend.nd4j;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/** The nd4j backend is built against gan-api only, and is not the application. */
class ArchitectureTest {

    private static final JavaClasses BACKEND = ModuleRules.productionClasses("dev.gan4j.backend.nd4j");

    @Test
    void usesNoGan4jModuleButTheApi() {
        ModuleRules.backendUsesOnlyTheApi("dev.gan4j.backend.nd4j").check(BACKEND);
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
