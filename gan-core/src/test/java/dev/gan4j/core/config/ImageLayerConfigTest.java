package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.LayerConfig;
import dev.gan4j.core.nn.AvgPool2dConfig;
import dev.gan4j.core.nn.BatchNorm2dConfig;
import dev.gan4j.core.nn.Conv2dConfig;
import dev.gan4j.core.nn.ConvTranspose2dConfig;
import dev.gan4j.core.nn.FlattenConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LabelChannelsConfig;
import dev.gan4j.core.nn.RandomTranslateConfig;
import dev.gan4j.core.nn.ReshapeConfig;
import dev.gan4j.core.nn.UpsampleConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image layers bind strictly from an experiment's JSON, with PyTorch's defaults, and round-trip. */
class ImageLayerConfigTest {

    private static final String EXPERIMENT = """
            {"name": "dcgan", "data": {"dataset": "mnist"}, "noise": {"dim": 10}, "conditioning": "one-hot",
             "generator": [
               {"type": "dense", "units": 98},
               {"type": "reshape", "shape": [2, 7, 7]},
               {"type": "batch-norm2d"},
               {"type": "upsample", "factor": 2},
               {"type": "conv-transpose2d", "filters": 1, "kernel": 4, "stride": 2, "padding": 1, "outputPadding": 1,
                "init": "dcgan"}
             ],
             "discriminator": [
               {"type": "label-channels", "classes": 10, "shape": [1, 28, 28]},
               {"type": "conv2d", "filters": 8, "kernel": 4},
               {"type": "avg-pool2d", "kernel": 2},
               {"type": "flatten"},
               {"type": "dense", "units": 1}
             ],
             "loss": {"type": "bce"}, "optimizers": {"discriminator": {"type": "adam", "learningRate": 2e-4},
             "generator": {"type": "adam", "learningRate": 2e-4}}, "training": {"iterations": 3, "batchSize": 2}}
            """;

    private final ExperimentLoader loader = ExperimentLoader.create();

    private ExperimentConfig parse(String json, String... overrides) {
        return loader.parse(json, "exp.json", List.of(overrides));
    }

    private ExperimentException fails(String... overrides) {
        return assertThrows(ExperimentException.class, () -> parse(EXPERIMENT, overrides));
    }

    private static void assertError(ExperimentException e, String path, String... parts) {
        String m = e.getMessage();
        assertEquals(path, e.path(), m);
        for (String part : parts) {
            assertTrue(m.contains(part), () -> "expected '" + part + "' in: " + m);
        }
    }

    @Test
    void bindWithPyTorchsDefaults() {
        ExperimentConfig c = parse(EXPERIMENT);
        assertEquals(List.<LayerConfig>of(new ReshapeConfig(List.of(2, 7, 7)), new BatchNorm2dConfig(0.1, 1e-5),
                new UpsampleConfig(2), new ConvTranspose2dConfig(1, 4, 2, 1, 1, true, Initializer.DCGAN)),
                c.generator().subList(1, 5));
        assertEquals(List.<LayerConfig>of(new LabelChannelsConfig(10, List.of(1, 28, 28)),
                new Conv2dConfig(8, 4, 1, 0, true, Initializer.PYTORCH), new AvgPool2dConfig(2, 2, 0),
                new FlattenConfig()), c.discriminator().subList(0, 4));
        assertEquals(new Conv2dConfig(8, 4, 2, 1, false, Initializer.NORMAL), parse(EXPERIMENT,
                "discriminator[1]={\"type\": \"conv2d\", \"filters\": 8, \"kernel\": 4, \"stride\": 2, "
                        + "\"padding\": 1, \"bias\": false, \"init\": \"normal\"}").discriminator().get(1));
        assertEquals(new AvgPool2dConfig(3, 1, 1), parse(EXPERIMENT,
                "discriminator[2]={\"type\": \"avg-pool2d\", \"kernel\": 3, \"stride\": 1, \"padding\": 1}")
                .discriminator().get(2));
    }

    @Test
    void randomTranslateBindsWithDiffAugmentsDefaults() {
        assertEquals(new RandomTranslateConfig(0.125, 0), parse(EXPERIMENT,
                "discriminator[2]={\"type\": \"random-translate\"}").discriminator().get(2));
        ExperimentConfig given = parse(EXPERIMENT,
                "discriminator[2]={\"type\": \"random-translate\", \"fraction\": 0.25, \"cutout\": 0.5}");
        assertEquals(new RandomTranslateConfig(0.25, 0.5), given.discriminator().get(2));
        assertEquals(given, parse(loader.toJson(given)));
        assertError(fails("discriminator[2]={\"type\": \"random-translate\", \"fraction\": 0.6}"),
                "$.discriminator[2].fraction", "fraction must be in [0, 0.5], got 0.6");
        assertError(fails("discriminator[2]={\"type\": \"random-translate\", \"cutout\": -1}"),
                "$.discriminator[2].cutout", "cutout must be in [0, 1], got -1");
        assertError(fails("discriminator[2]={\"type\": \"random-translate\", \"ratio\": 0.1}"),
                "$.discriminator[2].ratio", "unknown field 'ratio'");
    }

    @Test
    void roundTripThroughJson() {
        ExperimentConfig c = parse(EXPERIMENT);
        String json = loader.toJson(c);
        assertTrue(json.contains("\"type\": \"conv-transpose2d\""), json);
        assertTrue(json.contains("\"outputPadding\": 1"), json);
        assertEquals(c, parse(json));
        assertEquals(json, loader.toJson(parse(json)));
    }

    @Test
    void unknownAndMissingFieldsAreErrorsAtTheirPaths() {
        assertError(fails("discriminator[1].strides=2"), "$.discriminator[1].strides", "unknown field 'strides'",
                "did you mean 'stride'?");
        assertError(fails("generator[4].output_padding=1"), "$.generator[4].output_padding",
                "unknown field 'output_padding'");
        assertError(fails("discriminator[1]={\"type\": \"conv2d\", \"kernel\": 4}"), "$.discriminator[1].filters", "filters");
        assertError(fails("generator[1]={\"type\": \"reshape\"}"), "$.generator[1].shape", "shape");
        assertError(fails("generator[3]={\"type\": \"upsample\"}"), "$.generator[3].factor", "factor");
        assertError(fails("discriminator[3].dims=1"), "$.discriminator[3].dims", "unknown field 'dims'");
    }

    @Test
    void badValuesAreErrorsNamingTheField() {
        assertError(fails("discriminator[1].kernel=0"), "$.discriminator[1].kernel", "kernel must be positive, got 0");
        assertError(fails("discriminator[1].padding=4"), "$.discriminator[1].padding",
                "padding must be at least 0 and less than the kernel 4, got 4");
        assertError(fails("generator[4].outputPadding=2"), "$.generator[4].outputPadding",
                "outputPadding must be at least 0 and less than the stride 2, got 2");
        assertError(fails("generator[4].init=\"kaiming\""), "$.generator[4].init", "kaiming");
        assertError(fails("generator[1].shape=[2, 0, 7]"), "$.generator[1].shape",
                "shape must be a list of positive dimensions");
        assertError(fails("generator[2].momentum=0"), "$.generator[2].momentum", "momentum must be in (0, 1], got 0");
        assertError(fails("generator[3].factor=0"), "$.generator[3].factor", "factor must be at least 1, got 0");
        assertError(fails("discriminator[2].padding=2"), "$.discriminator[2].padding",
                "padding must be at least 0 and at most half the kernel 2, got 2");
        assertError(fails("discriminator[0].shape=[784]"), "$.discriminator[0].shape",
                "shape must be an image [C, H, W], e.g. [1, 28, 28], got [784]");
        assertError(fails("discriminator[0].classes=0"), "$.discriminator[0].classes", "classes must be positive, got 0");
    }
}
