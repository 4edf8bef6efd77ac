package dev.gan4j.examples.userext;

import dev.gan4j.api.GanLoss;
import dev.gan4j.api.LossConfig;
import dev.gan4j.api.LossType;

/**
 * Least squares with LSGAN's free targets (Mao et al. 2017: {@code a} for generated samples,
 * {@code b} for real ones, {@code c} for the generator), written as a user outside gan4j would and
 * registered in {@code META-INF/services/dev.gan4j.api.LossType}. With targets 0, 1, 1 it is
 * gan4j's {@code "squared-error"}.
 */
public final class TargetedLeastSquares implements GanLoss {

    /**
     * {@code {"type": "targeted-least-squares", "fakeTarget": -1, "realTarget": 1, "generatorTarget": 0}}.
     *
     * @param fakeTarget D's target for generated samples
     * @param realTarget D's target for real samples (a smoothed real label scales it)
     * @param generatorTarget the value G wants D to give its samples
     */
    public record Config(float fakeTarget, float realTarget, float generatorTarget) implements LossConfig {
    }

    /** Registers {@code "targeted-least-squares"}. */
    public static final class Type implements LossType<Config> {
        @Override
        public String name() {
            return "targeted-least-squares";
        }

        @Override
        public Class<Config> configClass() {
            return Config.class;
        }

        @Override
        public GanLoss create(Config config) {
            return new TargetedLeastSquares(config);
        }
    }

    private final Config targets;

    TargetedLeastSquares(Config targets) {
        this.targets = targets;
    }

    @Override
    public double discriminator(float[] output, float[] target, int n, float[] grad) {
        float span = targets.realTarget() - targets.fakeTarget();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            // the trainer's targets are 0 (generated) to 1 (real, or less when smoothed)
            double e = output[i] - (targets.fakeTarget() + span * target[i]);
            sum += 0.5 * e * e;
            grad[i] = (float) (e / n);
        }
        return sum / n;
    }

    @Override
    public double generator(float[] output, int n, float[] grad) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = output[i] - targets.generatorTarget();
            sum += 0.5 * e * e;
            grad[i] = (float) (e / n);
        }
        return sum / n;
    }

    @Override
    public double score(float output) {
        return output;
    }
}
