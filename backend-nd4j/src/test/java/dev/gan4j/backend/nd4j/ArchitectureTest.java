package dev.gan4j.backend.nd4j;

import dev.gan4j.api.architecture.BackendArchitecture;

/** Of gan4j, the nd4j backend uses gan-api only; it uses no picocli, and its packages form no cycle. */
class ArchitectureTest extends BackendArchitecture {

    ArchitectureTest() {
        super("dev.gan4j.backend.nd4j");
    }
}
