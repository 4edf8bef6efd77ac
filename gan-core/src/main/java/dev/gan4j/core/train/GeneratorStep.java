package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.nn.CallSite;

/**
 * Trains G through the frozen, shared D over the noise of the last D round, in shuffled
 * mini-batches: the stacked G→D runs the very same D layers, the backward pass through D passes
 * no gradient sink (so D's weight-gradient work is skipped and D's parameters cannot change) and
 * only G's parameters reach G's optimiser. After each step the {@link GeneratorAverage}, if any,
 * follows G's weights.
 */
final class GeneratorStep {

    private final Backend backend;
    /** G's call site for samples that D trains on; {@link #g} is its call site in the stacked G→D. */
    private final CallSite standalone;
    private final CallSite g;
    private final CallSite d;
    private final ParameterUpdate update;
    private final HostLoss loss;
    private final Shuffles shuffles;
    private final ForwardContext train;
    /** Null for an unconditional GAN. */
    private final LabelColumns labels;
    /** Null without one. */
    private final GeneratorAverage average;
    private final int n;
    private final int batch;
    private final Tensor input;
    /**
     * Whether the G step is one mini-batch over the last D round's noise; it then reuses that
     * round's generator forward pass ({@link #reusableFake}) instead of repeating it.
     */
    private final boolean singleBatch;
    /** The last D round's generator output, owned by the stacked generator's cache; or null. */
    private Tensor reusableFake;

    GeneratorStep(GanModel model, Optimizer optimizer, HostLoss loss, Shuffles shuffles, ForwardContext train,
            GeneratorAverage average, TrainingConfig config) {
        this.backend = model.backend();
        this.standalone = model.generator();
        this.g = model.stackedGenerator();
        this.d = model.stackedDiscriminator();
        this.update = new ParameterUpdate(backend, model.generator().trainableParameters(), optimizer);
        this.loss = loss;
        this.shuffles = shuffles;
        this.train = train;
        this.average = average;
        this.n = config.samplesPerIteration();
        this.batch = config.batchSize();
        int classes = model.classCount();
        this.labels = classes > 0
                ? new LabelColumns(backend, batch, model.noiseDim(), classes, model.sampleSize())
                : null;
        this.input = backend.zeros(batch, model.noiseDim() + classes);
        this.singleBatch = n == batch;
    }

    /**
     * G's samples for a D round, from {@code generatorInput}. With a single G mini-batch the G
     * step needs exactly this forward pass (D steps do not change G), so it runs through the
     * stacked call site and is kept for {@link #train}.
     */
    Tensor samplesForDiscriminator(Tensor generatorInput) {
        Tensor fake = (singleBatch ? g : standalone).forward(generatorInput, train);
        reusableFake = singleBatch ? fake : null;
        return fake;
    }

    /** Makes the next G step compute its own forward pass; for the test that the reuse changes nothing. */
    void forgetSamples() {
        reusableFake = null;
    }

    /**
     * One epoch of G steps over {@code generatorInput} ({@code n} rows), the last D round's.
     *
     * @return G's mean loss over the epoch's mini-batches
     */
    double train(Tensor generatorInput) {
        Tensor reusable = reusableFake;
        reusableFake = null;
        int batches = n / batch;
        int[] perm = batches > 1 ? shuffles.permutation(n) : null;
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            Tensor z = generatorInput;
            Tensor fake;
            if (batches > 1) {
                backend.gatherRows(generatorInput, perm, b * batch, input);
                z = input;
                fake = g.forward(z, train);
            } else {
                fake = reusable != null ? reusable : g.forward(z, train);
            }
            Tensor out = d.forward(labels == null ? fake : labels.append(z, fake), train);
            sum += loss.generator(out);
            // frozen D: no sink, so D's parameter gradients are neither computed nor applied
            Tensor gradIn = d.backward(loss.gradient(), null);
            g.backwardParameters(labels == null ? gradIn : labels.strip(gradIn), update.gradients());
            update.apply();
            if (average != null) {
                average.update();
            }
        }
        return sum / batches;
    }
}
