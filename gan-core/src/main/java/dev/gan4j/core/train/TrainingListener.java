package dev.gan4j.core.train;

/** Observes training: progress bars, metrics files, sample grids, checkpoints. */
@FunctionalInterface
public interface TrainingListener {

    /** Called after every iteration, on the training thread. */
    void onIteration(AdversarialTrainer trainer, IterationStats stats);
}
