package dev.gan4j.core.loss;

import dev.gan4j.api.GanLoss;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code "loss"} of an experiment: {@code {"type": "squared-error"}} (the tutorial's),
 * {@code "least-squares"} (the same objective, LSGAN's name for it), {@code "bce"} (probabilities),
 * {@code "non-saturating"} and {@code "minimax"} (logits), {@code "wasserstein"}, {@code "hinge"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LossConfig.SquaredError.class, names = {"squared-error", "least-squares"}),
    @JsonSubTypes.Type(value = LossConfig.Bce.class, name = "bce"),
    @JsonSubTypes.Type(value = LossConfig.NonSaturating.class, name = "non-saturating"),
    @JsonSubTypes.Type(value = LossConfig.Minimax.class, name = "minimax"),
    @JsonSubTypes.Type(value = LossConfig.Wasserstein.class, name = "wasserstein"),
    @JsonSubTypes.Type(value = LossConfig.Hinge.class, name = "hinge"),
})
public sealed interface LossConfig {

    /** The loss this configuration describes. */
    GanLoss create();

    /** Squared error / least squares. */
    record SquaredError() implements LossConfig {
        @Override
        public GanLoss create() {
            return new SquaredErrorLoss();
        }
    }

    /** Binary cross-entropy on probabilities, non-saturating generator. */
    record Bce() implements LossConfig {
        @Override
        public GanLoss create() {
            return new BinaryCrossEntropyLoss();
        }
    }

    /** BCE from logits with the non-saturating generator loss. */
    record NonSaturating() implements LossConfig {
        @Override
        public GanLoss create() {
            return new LogitLoss(true);
        }
    }

    /** BCE from logits with the original minimax generator loss. */
    record Minimax() implements LossConfig {
        @Override
        public GanLoss create() {
            return new LogitLoss(false);
        }
    }

    /** Wasserstein critic loss. */
    record Wasserstein() implements LossConfig {
        @Override
        public GanLoss create() {
            return new WassersteinLoss();
        }
    }

    /** Hinge loss. */
    record Hinge() implements LossConfig {
        @Override
        public GanLoss create() {
            return new HingeLoss();
        }
    }
}
