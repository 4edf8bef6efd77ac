package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.backend.ejml.EjmlBackendProvider;
import dev.gan4j.testkit.FlawedLayer.Flaw;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each conformance check passes a right layer and fails the layer with the mistake it is there to catch. */
class LayerConformanceTest {

    static final Backend BACKEND = new EjmlBackendProvider().create(Map.of());
    /** A second instance, standing for another backend: a layer must give the same values on both. */
    static final Backend OTHER = new EjmlBackendProvider().create(Map.of());

    @AfterAll
    static void close() {
        BACKEND.close();
        OTHER.close();
    }

    /** The message of the failure of {@code flaw}'s layer, which must be the only failing check in each mode. */
    static String failure(Flaw flaw) {
        AssertionError e = assertThrows(AssertionError.class,
                () -> LayerConformance.of(b -> new FlawedLayer(flaw, b)).withoutAllocationCheck().check(BACKEND));
        return e.getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected «" + part + "» in: " + message);
        }
    }

    @Test
    void aRightLayerPassesEveryCheck() {
        LayerConformance.check(b -> new FlawedLayer(Flaw.NONE, b), BACKEND);
        LayerConformance.of(b -> new Scale(0.5f, new LayerContext(b, new int[] {3, 2}, new SeededRandom(4), "s")))
                .batchSize(2).modes(Mode.EVAL).seed(3).check(BACKEND);
    }

    @Test
    void callSitesSharingABufferFail() {
        assertMentions(failure(Flaw.SHARED_CACHE), "FlawedLayer flawed on ejml does not conform (2 failures)",
                "in TRAIN mode: call site A's output after a forward pass through call site B: element [0, 0] is ",
                "in EVAL mode: call site A's output after a forward pass through call site B");
    }

    @Test
    void writingParametersWhenFrozenFails() {
        assertMentions(failure(Flaw.WRITES_WHEN_FROZEN), "(2 failures)",
                "in TRAIN mode: backward with a null sink (frozen parameters) changed WEIGHT flawed.factors: element "
                        + "[0] is 0.35547772, expected 0.34547773 (5 of 5 elements differ)");
    }

    @Test
    void aGradientAskedForABufferFails() {
        assertMentions(failure(Flaw.GRADIENT_OF_A_BUFFER), "asked the gradient sink for flawed.count, a BUFFER");
    }

    @Test
    void writingTheGradientInsteadOfAddingFails() {
        assertMentions(failure(Flaw.OVERWRITES_GRADIENT), "(2 failures)",
                "the gradient of flawed.factors after two backward passes into one sink, compared with twice one");
    }

    @Test
    void aParameterOnlyBackwardThatDiffersFails() {
        assertMentions(failure(Flaw.PARAMETER_ONLY_DIFFERS), "(2 failures)",
                "backwardParameters' gradient, compared with backward's, of flawed.factors: element [0] is ");
    }

    @Test
    void aWrongDeclaredShapeFails() {
        assertMentions(failure(Flaw.WRONG_OUTPUT_SHAPE), "(2 failures)",
                "the output of a batch of 4 must have shape [batch, outputShape...] ==> array lengths differ, "
                        + "expected: <3> but was: <2>");
    }

    @Test
    void allocatingInForwardFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> LayerConformance.check(b -> new FlawedLayer(Flaw.ALLOCATES_IN_FORWARD, b), BACKEND));
        assertMentions(e.getMessage(), "(2 failures)", "in TRAIN mode: bytes allocated per call after 1000 calls",
                "forward + backward=", "forward + backward with a null sink=", "forward + backwardParameters=");
    }

    @Test
    void theSameLayerOnTwoBackendsGivesTheSameValues() {
        LayerConformance.of(b -> new FlawedLayer(Flaw.NONE, b)).checkSameOutputs(BACKEND, OTHER);
        LayerConformance.checkSameOutputs(new FlawedLayer(Flaw.NONE, BACKEND), BACKEND, new FlawedLayer(Flaw.NONE, OTHER), OTHER);
    }

    @Test
    void layersBuiltFromDifferentSeedsOnTwoBackendsFail() {
        AssertionError e = assertThrows(AssertionError.class, () -> LayerConformance.of(
                b -> new Scale(0.5f, new LayerContext(b, new int[] {5}, new SeededRandom(b == OTHER ? 2 : 1), "s")))
                .checkSameOutputs(BACKEND, OTHER));
        assertMentions(e.getMessage(), "Scale s on ejml and on ejml: TRAIN mode: the value of s.factors (are both "
                + "layers built from the same seed?): element [0] is ");
    }

    @Test
    void aLayerThatDiffersBetweenBackendsFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> LayerConformance.checkSameOutputs(
                new FlawedLayer(Flaw.NONE, BACKEND), BACKEND, new FlawedLayer(Flaw.WRONG_INPUT_GRADIENT, OTHER), OTHER));
        assertMentions(e.getMessage(), "TRAIN mode: the input gradient: element [0, 0] is ");
    }
}
