package dev.gan4j.examples;

import dev.gan4j.api.architecture.ModuleArchitecture;

/**
 * gan-examples' packages form no cycle. It is the application, the one module allowed picocli;
 * the other modules' architecture tests check that none of them uses picocli or this module.
 */
class ArchitectureTest extends ModuleArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.examples");
    }
}
