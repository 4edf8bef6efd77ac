package dev.gan4j.spark;

import dev.gan4j.core.sweep.TrialExecutor;
import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialTask;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep's rungs on Apache Spark: one Spark job per rung, one task per trial, each task
 * training its trial with {@link dev.gan4j.core.sweep.TrialRunner} in an executor's JVM and
 * returning the outcome to the driver, where {@link dev.gan4j.core.sweep.Sweep} promotes trials
 * and records them.
 *
 * <p>The trials' run directories must be reachable from every executor: a path on a shared
 * filesystem (NFS) used as it is, or a Hadoop filesystem URI ({@code hdfs://namenode/sweeps/lr/trials/t007},
 * {@code s3a://…}, {@code file:///…}; see {@link dev.gan4j.core.sweep.Sweep#trialRoot}) that each
 * task stages to its executor's disk and back. A task Spark retries (a lost executor,
 * a failed attempt) resumes its trial from the last checkpoint the earlier attempt left; two
 * attempts of one trial never write its directory at once. Settings are read from the Spark
 * configuration, {@code spark.gan4j.*} (see {@code docs/spark.md}).
 *
 * <p>The executors need gan4j, a backend and its native libraries (the {@code -spark} assembly
 * jar has the ejml backend, which uses the system OpenBLAS if installed), and the data in the
 * place the experiment names ({@code GAN4J_DATA_DIR} in the executors' environment).
 */
public final class SparkTrialExecutor implements TrialExecutor {

    private final JavaSparkContext spark;
    private final TrialAttempt attempt;

    /**
     * An executor on {@code spark}'s cluster, with the {@code spark.gan4j.*} settings of its
     * configuration.
     *
     * @throws IllegalArgumentException if a {@code spark.gan4j.*} setting is bad
     */
    public SparkTrialExecutor(JavaSparkContext spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.attempt = new TrialAttempt(AttemptSettings.from(spark.getConf()));
    }

    /**
     * Runs the rung's tasks as one Spark job and waits for it.
     *
     * @throws SparkRungException if Spark gave up on the job (a task lost more executors than
     *     {@code spark.task.maxFailures} allows, or the application was stopped); the trials that
     *     finished are on disk, so running the sweep again continues from there
     */
    @Override
    public List<TrialOutcome> run(List<TrialTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        int rung = tasks.get(0).rung();
        spark.setJobGroup("gan4j-rung-" + rung, "gan4j sweep: rung " + rung + ", " + tasks.size() + " trials to "
                + tasks.get(0).iterations() + " iterations", true);
        try {
            // one partition per trial: Spark schedules each trial as a task of its own
            return List.copyOf(spark.parallelize(tasks, tasks.size()).map(attempt).collect());
        } catch (Exception e) { // Scala throws SparkException, a checked exception, undeclared
            if (e instanceof SparkException || e.getCause() instanceof SparkException) {
                throw new SparkRungException("Spark gave up on rung " + rung + ": " + e.getMessage()
                        + "; finished trials are kept, so the same command continues the sweep", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            spark.clearJobGroup();
        }
    }

    /** Spark failed a rung's job as a whole, rather than a trial. */
    public static final class SparkRungException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SparkRungException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
