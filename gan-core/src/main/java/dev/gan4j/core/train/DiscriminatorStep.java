package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.kernels.PlainKernels;
import dev.gan4j.core.loss.Labels;
import dev.gan4j.core.nn.CallSite;
import java.util.Arrays;

/**
 * Trains D on one round's real and generated samples, {@link TrainingConfig#discriminatorEpochs()}
 * times over, in shuffled mini-batches: either the tutorial's mixed ones (rows of
 * {@code [real; fake]} with their targets) or a real half and a fake half per optimiser step. The
 * generated samples are detached: no backward pass goes into G, and only D's parameters reach D's
 * optimiser. With {@link TrainingConfig#clipDiscriminator()} D's parameters are clipped after
 * each step (the WGAN's weight clipping).
 */
final class DiscriminatorStep {

    private final Backend backend;
    /** Draws the tutorial's mixed mini-batches: the backend's kernel, or the plain composition. */
    private final GatherKernels gather;
    private final CallSite d;
    private final ParameterUpdate update;
    private final HostLoss loss;
    private final Shuffles shuffles;
    private final ForwardContext train;
    private final IterationMetrics metrics;
    private final TrainingConfig config;
    private final int n;
    private final int batch;
    private final float realTarget;
    private final Tensor x;
    private final float[] targets;

    DiscriminatorStep(GanModel model, Optimizer optimizer, HostLoss loss, Shuffles shuffles, ForwardContext train,
            IterationMetrics metrics, TrainingConfig config) {
        this.backend = model.backend();
        this.gather = PlainKernels.of(backend, GatherKernels.class);
        this.d = model.discriminator();
        this.update = new ParameterUpdate(backend, d.trainableParameters(), optimizer);
        this.loss = loss;
        this.shuffles = shuffles;
        this.train = train;
        this.metrics = metrics;
        this.config = config;
        this.n = config.samplesPerIteration();
        this.batch = config.batchSize();
        this.realTarget = (float) (Labels.REAL * config.realLabel());
        this.x = backend.zeros(batch, model.sampleSize() + model.classCount());
        this.targets = new float[batch];
    }

    /** Trains D on {@code real} and G's detached samples {@code fake}, both D's inputs of {@code n} rows. */
    void train(Tensor real, Tensor fake) {
        boolean mix = config.mixBatches();
        int rows = mix ? 2 * n : n;
        int batches = rows / batch;
        // one unmixed batch holds every sample: its row order changes nothing but round-off
        boolean whole = !mix && batches == 1;
        for (int e = 0; e < config.discriminatorEpochs(); e++) {
            int[] perm = whole ? null : shuffles.permutation(rows);
            for (int b = 0; b < batches; b++) {
                int offset = b * batch;
                if (mix) {
                    // rows of [real; fake], picked straight from the two: no stacked copy of both
                    gather.gatherStackedRows(real, fake, perm, offset, x);
                    for (int k = 0; k < batch; k++) {
                        targets[k] = perm[offset + k] < n ? realTarget : Labels.FAKE;
                    }
                    metrics.addDiscriminatorLoss(pass(x));
                } else {
                    Arrays.fill(targets, realTarget);
                    double l = pass(whole ? real : rows(real, perm, offset));
                    Arrays.fill(targets, Labels.FAKE);
                    metrics.addDiscriminatorLoss(l + pass(whole ? fake : rows(fake, perm, offset)));
                }
                update.apply();
                clip();
            }
        }
    }

    private Tensor rows(Tensor all, int[] perm, int offset) {
        backend.gatherRows(all, perm, offset, x);
        return x;
    }

    /** Forward, loss and backward of one mini-batch; D's parameter gradients accumulate. */
    private double pass(Tensor input) {
        Tensor out = d.forward(input, train);
        double l = loss.discriminator(out, targets, metrics);
        // D's input is data or detached samples: its input gradient would be thrown away
        d.backwardParameters(loss.gradient(), update.gradients());
        return l;
    }

    private void clip() {
        if (config.clipDiscriminator() > 0) {
            float c = (float) config.clipDiscriminator();
            for (Parameter p : update.parameters()) {
                backend.clip(-c, c, p.value(), p.value());
            }
        }
    }
}
