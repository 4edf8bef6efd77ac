package dev.gan4j.testkit;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example of docs/extending.md ("Testing your layer"): a user's layer checked on every backend found. */
class ScaleLayerTest {

    static Stream<Backend> backends() {
        return Backends.discover().providers().stream().map(provider -> provider.create(Map.of()));
    }

    // docs:begin
    @ParameterizedTest
    @MethodSource("backends")
    void scaleIsAConformingLayer(Backend backend) {
        // a fresh layer per check, built as its LayerType would build it
        Function<Backend, Layer> scale =
                b -> new Scale(0.5f, new LayerContext(b, new int[] {5}, new SeededRandom(1), "scale"));
        LayerConformance.check(scale, backend);
        GradientCheck.of(scale.apply(backend), backend).check();
        GradientCheck.of(scale.apply(backend), backend).mode(Mode.EVAL).batchSize(3).check();
    }
    // docs:end
}
