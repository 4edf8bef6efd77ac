package dev.gan4j.core;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.config.ExperimentException;
import dev.gan4j.core.config.TypeRegistries;
import dev.gan4j.core.nn.LayerPlan;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.train.ModelPlan;
import dev.gan4j.core.train.Sampling;
import dev.gan4j.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How much memory an experiment needs, worked out from its {@link ModelPlan} before anything is
 * allocated, so that an experiment that cannot fit is refused at once with the numbers instead of
 * failing minutes later with an {@link OutOfMemoryError} (or spending a minute allocating first).
 *
 * <p>The estimate counts float32 values, in parts that each name the JSON path to change:
 * <ul>
 *   <li>every layer's parameters, plus for trainable ones a gradient and the optimiser's state
 *       tensors ({@link dev.gan4j.api.OptimizerType#stateTensorsPerParameter});</li>
 *   <li>one more copy of the largest layer's values, held on the heap while it is initialised;</li>
 *   <li>a checkpoint (parameters, generator average, optimiser state) twice: the captured values
 *       and the file's bytes while it is written, or the bytes and the parsed values on resume;</li>
 *   <li>the layers' caches (outputs, input gradients, masks: the tensors each layer allocated
 *       when it was planned, see {@link dev.gan4j.core.nn.Sequential#plan}) at every call site,
 *       for the rows each sees: the generator {@code samplesPerIteration} rows for the discriminator's round,
 *       {@code batchSize} more for its own step when that is smaller, and the sample grid; the
 *       discriminator {@code batchSize} rows standalone and in the stacked model;</li>
 *   <li>the trainer's buffers for one iteration's noise, real and generated samples;</li>
 *   <li>with {@code output.evaluateEvery}: the samples each evaluation draws (and the generator's
 *       caches for that many rows), but not the evaluation classifier, which is chosen later;</li>
 *   <li>the noise bank, twice while it is drawn;</li>
 *   <li>the dataset, which is already loaded when the experiment is built.</li>
 * </ul>
 * Small fixed costs (objects, per-batch vectors of a few values) are left out. Backends keep
 * tensors on the Java heap (EJML) or off it under a limit that defaults to the heap's (ND4J's
 * JavaCPP {@code maxBytes}), so the estimate is compared with {@link Runtime#maxMemory()}.
 *
 * @param parts what needs the memory, largest first
 */
public record MemoryEstimate(List<Part> parts) {

    /** The most values one tensor may hold: the largest Java array the JVM allocates. */
    static final long MAX_TENSOR_VALUES = Integer.MAX_VALUE - 8;

    /**
     * One part of the estimate.
     *
     * @param path the JSON path of the setting that decides its size, e.g. {@code $.generator[0]}
     * @param what what it is, e.g. {@code "dense layer with 78,500 parameters"}
     * @param bytes its size
     */
    public record Part(String path, String what, long bytes) {
    }

    public MemoryEstimate {
        parts = parts.stream().sorted(Comparator.comparingLong(Part::bytes).reversed()).toList();
    }

    /**
     * Estimates what {@code config} needs when built as {@code model} on {@code data}.
     *
     * @param classCount classes for one-hot conditioning, 0 when unconditional
     * @param layers names the layer types in the parts' descriptions
     * @throws ExperimentException at the offending JSON path if a single tensor would hold more
     *     values than a Java array can
     */
    public static MemoryEstimate of(ExperimentConfig config, ModelPlan model, Dataset data, int classCount,
            LayerRegistry layers) {
        List<Part> parts = new ArrayList<>();
        TrainingConfig training = config.training();
        long n = training.samplesPerIteration();
        long batch = training.batchSize();
        long dim = config.noise().dim();
        long features = 1;
        for (int d : data.sampleShape()) {
            features *= d;
        }
        long dIn = features + classCount;
        String rowsPath = n > batch ? "$.training.samplesPerIteration" : "$.training.batchSize";

        // parameters, their gradients and optimiser state, per layer
        long largestLayer = 0;
        // what a checkpoint holds: every parameter and the optimisers' state (not the gradients);
        // stateTensorsPerParameter also counts scratch tensors a checkpoint leaves out, so this errs high
        long checkpointValues = 0;
        String largestLayerPath = null;
        TypeRegistries types = TypeRegistries.discover();
        for (String network : List.of("generator", "discriminator")) {
            List<LayerPlan> plans = model.network(network);
            List<LayerConfig> configs = network.equals("generator") ? config.generator() : config.discriminator();
            OptimizerConfig optimizer = (network.equals("generator") ? config.optimizers().generator()
                    : config.optimizers().discriminator()).optimizer();
            int stateTensors = types.stateTensorsPerParameter(optimizer);
            for (int i = 0; i < plans.size(); i++) {
                LayerPlan p = plans.get(i);
                long values = p.parameterValues() + p.trainableValues() * (1 + stateTensors);
                checkpointValues += p.parameterValues() + p.trainableValues() * stateTensors;
                String path = "$." + network + "[" + i + "]";
                if (values > 0) {
                    parts.add(new Part(path, String.format(Locale.ROOT, "%s layer with %,d parameters, their "
                            + "gradients and %s state", layers.nameOf(configs.get(i)), p.parameterValues(),
                            optimizerName(optimizer)), 4 * values));
                }
                if (p.parameterValues() > largestLayer) {
                    largestLayer = p.parameterValues();
                    largestLayerPath = path;
                }
            }
        }
        long gTrainable = model.network("generator").stream().mapToLong(LayerPlan::trainableValues).sum();
        if (training.generatorAverage() > 0) {
            // the average, and the live values it stands in for while samples are drawn
            parts.add(new Part("$.training.generatorAverage", String.format(Locale.ROOT,
                    "the generator average of %,d weights and the copy it swaps out", gTrainable), 8 * gTrainable));
            checkpointValues += gTrainable;
        }
        if (largestLayerPath != null) {
            // writing: the captured values and the file's bytes built from them; resuming: the
            // file's bytes and the values parsed from them. Either way twice the checkpoint.
            parts.add(new Part(largestLayerPath, String.format(Locale.ROOT, "a checkpoint of %,d values (parameters,"
                    + "%s optimiser state) held twice while it is written, or read back on resume",
                    checkpointValues, training.generatorAverage() > 0 ? " generator average," : ""),
                    8 * checkpointValues));
        }
        if (largestLayerPath != null) {
            parts.add(new Part(largestLayerPath, "a second copy of the largest layer's values while it is initialised",
                    4 * largestLayer));
        }

        // layer caches at every call site: the generator's for the D round (n rows), its own step
        // (batch rows when smaller than n) and the sample grid; the discriminator's standalone and stacked
        // the sample grid and the evaluation draw through one call site, whose caches take the larger
        // (Sampling draws at most CHUNK rows per forward pass, so that is all the sampler's caches hold)
        long evaluationRows = config.output().evaluateEvery() > 0 ? config.output().evaluateSamples() : 0;
        long sampleRows = Math.min(Math.max(config.output().sampleCount(), evaluationRows), Sampling.CHUNK);
        long gRows = n + (n > batch ? batch : 0) + sampleRows;
        long dRows = 2 * batch;
        long caches = cacheValues(model.generator(), gRows, 3, "generator", Math.max(n, sampleRows))
                + cacheValues(model.discriminator(), dRows, 2, "discriminator", batch);
        parts.add(new Part(rowsPath, String.format(Locale.ROOT, "layer outputs and gradients for %,d generator and "
                + "%,d discriminator rows", gRows, dRows), 4 * caches));

        // the trainer's buffers for one iteration
        long gInput = dim + classCount;
        checkTensor(rowsPath, "the samples of one iteration", n, dIn);
        checkTensor("$.noise.dim", "one iteration's noise", n, gInput);
        long buffers = n * dim // noise
                + (classCount > 0 ? n * gInput + 3 * n * classCount + 2 * n * dIn : 0) // labels, conditioned inputs
                + n * features // real samples
                + (config.noise().bank() == 0 ? n * dim : 0) // fresh noise drawn on the heap
                + batch * (dIn + gInput + 2 * classCount + features + 4) // mini-batch copies and targets
                + data.size() + 2 * n; // index arrays (ints, the size of floats)
        parts.add(new Part(rowsPath, String.format(Locale.ROOT, "training buffers for %,d samples per iteration "
                + "of %,d values", n, dIn), 4 * buffers));

        if (evaluationRows > 0) {
            checkTensor("$.output.evaluateSamples", "one evaluation's samples", evaluationRows, features);
            // the noise and the conditioned input, the samples and their copy in the classifier's range
            parts.add(new Part("$.output.evaluateSamples", String.format(Locale.ROOT, "%,d samples drawn for each "
                    + "evaluation, their noise and a rescaled copy (the evaluation classifier's own memory is not "
                    + "counted)", evaluationRows), 4 * evaluationRows * (dim + gInput + 2 * features)));
        }

        int bank = config.noise().bank();
        if (bank > 0) {
            checkTensor("$.noise.bank", "the noise bank", bank, dim);
            parts.add(new Part("$.noise.bank", String.format(Locale.ROOT, "noise bank of %,d × %,d values, held "
                    + "twice while it is drawn", bank, dim), 8L * bank * dim + 4L * bank));
        }

        parts.add(new Part("$.data", String.format(Locale.ROOT, "dataset %s: %,d samples of %,d values%s", data.name(),
                data.size(), features, data.classCount() > 0 ? " and their labels" : ""),
                4L * data.size() * features + (data.classCount() > 0 ? 4L * data.size() : 0)));
        return new MemoryEstimate(parts);
    }

    /** Cache values of a network on {@code rows} rows over {@code callSites} call sites. */
    private static long cacheValues(List<LayerPlan> layers, long rows, int callSites, String network, long maxRows) {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerPlan p = layers.get(i);
            // each cached tensor holds at most a batch of the layer's input or output
            checkTensor("$." + network + "[" + i + "]", "a batch through this layer", maxRows,
                    Math.max(p.inputSize(), p.outputSize()));
            total += rows * p.cacheValuesPerSample() + callSites * p.cacheValuesPerCallSite();
        }
        return total;
    }

    private static void checkTensor(String path, String what, long rows, long columns) {
        // both are below 2^31, so the product cannot overflow a long
        if (rows * columns > MAX_TENSOR_VALUES) {
            throw new ExperimentException(null, path, 0, 0, String.format(Locale.ROOT, "%s is %,d × %,d = %,d values, "
                    + "more than the %,d one tensor can hold", what, rows, columns, rows * columns, MAX_TENSOR_VALUES));
        }
    }

    private static String optimizerName(OptimizerConfig optimizer) {
        return optimizer.getClass().getSimpleName().replace("Config", "").toLowerCase(Locale.ROOT)
                .replace("rmsprop", "RMSProp").replace("adam", "Adam").replace("sgd", "SGD");
    }

    /** The whole estimate in bytes. */
    public long totalBytes() {
        return parts.stream().mapToLong(Part::bytes).sum();
    }

    /** The largest part. */
    public Part largest() {
        return parts.get(0);
    }

    /**
     * Refuses an experiment that would not fit a heap of {@code maxHeapBytes}.
     *
     * @throws ExperimentException at the JSON path of the largest part, with the estimate, the
     *     heap's size and what takes the most
     */
    public void requireFits(long maxHeapBytes) {
        long total = totalBytes();
        if (total <= maxHeapBytes) {
            return;
        }
        Part big = largest();
        throw new ExperimentException(null, big.path(), 0, 0, String.format(Locale.ROOT, "the experiment needs about "
                + "%s of memory, but the Java heap may grow to only %s (-Xmx); the largest part is here: %s, %s",
                format(total), format(maxHeapBytes), big.what(), format(big.bytes())));
    }

    /** {@code bytes} in binary units, e.g. {@code "512 bytes"}, {@code "12.3 MiB"}, {@code "1.50 GiB"}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
