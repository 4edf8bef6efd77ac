package dev.gan4j.core.loss;

import dev.gan4j.api.GanLoss;
import dev.gan4j.api.LossConfig;
import dev.gan4j.api.LossType;
import dev.gan4j.core.registry.RegisteredType;
import java.util.function.Supplier;

/**
 * gan4j's own adversarial losses ({@code "loss"} of an experiment), registered in
 * {@code META-INF/services/dev.gan4j.api.LossType} exactly as a user's would be:
 * {@code {"type": "squared-error"}} (the tutorial's), {@code "least-squares"} (the same
 * objective, LSGAN's name for it), {@code "bce"} (probabilities), {@code "non-saturating"} and
 * {@code "minimax"} (logits), {@code "wasserstein"}, {@code "hinge"}. None has settings.
 */
public final class Losses {

    private Losses() {
    }

    /** {@code {"type": "squared-error"}}: {@link SquaredErrorLoss}. */
    public record SquaredError() implements LossConfig {
    }

    /** {@code {"type": "least-squares"}}: LSGAN's name for {@link SquaredErrorLoss}. */
    public record LeastSquares() implements LossConfig {
    }

    /** {@code {"type": "bce"}}: binary cross-entropy on probabilities, non-saturating generator. */
    public record Bce() implements LossConfig {
    }

    /** {@code {"type": "non-saturating"}}: BCE from logits with the non-saturating generator loss. */
    public record NonSaturating() implements LossConfig {
    }

    /** {@code {"type": "minimax"}}: BCE from logits with the original minimax generator loss. */
    public record Minimax() implements LossConfig {
    }

    /** {@code {"type": "wasserstein"}}: the Wasserstein critic loss. */
    public record Wasserstein() implements LossConfig {
    }

    /** {@code {"type": "hinge"}}: the hinge loss. */
    public record Hinge() implements LossConfig {
    }

    /** Registers a loss without settings under a name. */
    private abstract static class FixedType<C extends LossConfig> extends RegisteredType<C> implements LossType<C> {
        private final Supplier<GanLoss> loss;

        FixedType(String name, Class<C> configClass, Supplier<GanLoss> loss) {
            super(name, configClass);
            this.loss = loss;
        }

        @Override
        public final GanLoss create(C config) {
            return loss.get();
        }
    }

    /** {@code "squared-error"}. */
    public static final class SquaredErrorType extends FixedType<SquaredError> {
        public SquaredErrorType() {
            super("squared-error", SquaredError.class, SquaredErrorLoss::new);
        }
    }

    /** {@code "least-squares"}. */
    public static final class LeastSquaresType extends FixedType<LeastSquares> {
        public LeastSquaresType() {
            super("least-squares", LeastSquares.class, SquaredErrorLoss::new);
        }
    }

    /** {@code "bce"}. */
    public static final class BceType extends FixedType<Bce> {
        public BceType() {
            super("bce", Bce.class, BinaryCrossEntropyLoss::new);
        }
    }

    /** {@code "non-saturating"}. */
    public static final class NonSaturatingType extends FixedType<NonSaturating> {
        public NonSaturatingType() {
            super("non-saturating", NonSaturating.class, () -> new LogitLoss(true));
        }
    }

    /** {@code "minimax"}. */
    public static final class MinimaxType extends FixedType<Minimax> {
        public MinimaxType() {
            super("minimax", Minimax.class, () -> new LogitLoss(false));
        }
    }

    /** {@code "wasserstein"}. */
    public static final class WassersteinType extends FixedType<Wasserstein> {
        public WassersteinType() {
            super("wasserstein", Wasserstein.class, WassersteinLoss::new);
        }
    }

    /** {@code "hinge"}. */
    public static final class HingeType extends FixedType<Hinge> {
        public HingeType() {
            super("hinge", Hinge.class, HingeLoss::new);
        }
    }
}
