package dev.gan4j.core.sweep;

import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.config.ExperimentConfig;
import dev.gan4j.core.run.DataFile;
import dev.gan4j.core.run.RunEvaluator;
import java.util.List;

/**
 * What training a trial needs beyond its experiment, which gan-core cannot make on its own: the
 * data (a data module), a backend and the evaluation the sweep's objective is computed from.
 * {@link TrialRunner#run(TrialTask)} finds an implementation with {@link java.util.ServiceLoader}
 * (gan-examples registers one that reads data with gan-mnist and evaluates with the cached
 * evaluation classifier, as {@code gan train} does).
 */
public interface TrialSetup {

    /**
     * Opens the data and a backend for {@code config} and builds the experiment on them.
     *
     * @throws RuntimeException if the data, backend or model cannot be had; the task fails with
     *     its message
     */
    Prepared prepare(ExperimentConfig config);

    /**
     * Makes, once and before any trial starts, what every trial of a sweep on {@code config}'s
     * data would otherwise make at the same time (e.g. train and cache the evaluation
     * classifier). The default does nothing.
     */
    default void warmUp(ExperimentConfig config) {
    }

    /** An experiment ready to train; closing it releases its backend. */
    interface Prepared extends AutoCloseable {

        /** The experiment, at iteration 0. */
        GanExperiment experiment();

        /** The files the data came from, for the run's provenance and resume checks. */
        List<DataFile> dataFiles();

        /** Scores the generator at the rung ends; never {@code null}. */
        RunEvaluator evaluation();

        @Override
        void close();
    }
}
