package dev.gan4j.examples;

import dev.gan4j.api.architecture.ModuleRules;
import org.junit.jupiter.api.Test;

/**
 * gan-examples' packages form no cycle. It is the one module allowed picocli, and the others'
 * architecture tests check that none of them uses it or this module.
 */
class ArchitectureTest {

    @Test
    void packagesHaveNoCycles() {
        ModuleRules.NO_PACKAGE_CYCLES.check(ModuleRules.productionClasses("dev.gan4j.examples"));
    }
}
