package dev.gan4j.spark;

import dev.gan4j.core.config.ExperimentLoader;
import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialRunner;
import dev.gan4j.core.sweep.TrialTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The measurement behind docs/spark.md's overhead figures, not a test: Spark's cost per job and per
 * task in local mode (a job of empty tasks), and one tutorial trial run by {@link TrialRunner} in
 * this thread against the same trial as a Spark task, in place and staged through a
 * {@code file://} URI. Run from gan-spark with the test classpath:
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java $(the JVM options of the surefire argLine) -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.gan4j.spark.TaskOverhead ITERATIONS REPEATS
 * </pre>
 */
final class TaskOverhead {
    private TaskOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ExperimentLoader loader = ExperimentLoader.create();
        String json = loader.toJson(loader.load(Path.of("..", "gan-examples", "experiments", "seed-tutorial.json"),
                List.of("data.split=test", "data.dir=" + TinyTrials.mnistDir(), "training.iterations=" + iterations,
                        "output.evaluateEvery=" + iterations)));
        Path tmp = Files.createTempDirectory("gan4j-overhead-");
        JavaSparkContext spark = LocalSpark.start("local[1]", Map.of());
        try (SparkTrialExecutor executor = new SparkTrialExecutor(spark)) {
            List<Integer> four = List.of(1, 2, 3, 4);
            for (int i = 0; i < 20; i++) {
                spark.parallelize(four, 4).map(x -> x).collect(); // warm up
            }
            int jobs = 50;
            long t0 = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                spark.parallelize(List.of(1), 1).map(x -> x).collect();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                spark.parallelize(four, 4).map(x -> x).collect();
            }
            long t2 = System.nanoTime();
            double oneTask = (t1 - t0) / 1e6 / jobs;
            double fourTasks = (t2 - t1) / 1e6 / jobs;
            System.out.printf(Locale.ROOT, "empty job of 1 task: %.2f ms; of 4 tasks: %.2f ms (%.2f ms a task more)%n",
                    oneTask, fourTasks, (fourTasks - oneTask) / 3);
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                double here = timed(new TrialTask("h" + r, 0, iterations, json, tmp.resolve("h" + r).toString()));
                double inPlace = timedOnSpark(executor, new TrialTask("p" + r, 0, iterations, json,
                        tmp.resolve("p" + r).toString()));
                double staged = timedOnSpark(executor, new TrialTask("s" + r, 0, iterations, json,
                        tmp.resolve("shared").toUri() + "s" + r));
                rows.add(String.format(Locale.ROOT, "trial of %d iterations: this thread %.2f s, Spark task in place "
                        + "%.2f s (+%.2f), staged %.2f s (+%.2f)", iterations, here, inPlace, inPlace - here, staged,
                        staged - here));
            }
            rows.forEach(System.out::println);
        } finally {
            spark.stop();
        }
    }

    private static double timed(TrialTask task) {
        long t = System.nanoTime();
        TrialOutcome o = TrialRunner.run(task);
        check(o);
        return (System.nanoTime() - t) / 1e9;
    }

    private static double timedOnSpark(SparkTrialExecutor executor, TrialTask task) {
        long t = System.nanoTime();
        executor.run(List.of(task)).forEach(TaskOverhead::check);
        return (System.nanoTime() - t) / 1e9;
    }

    private static void check(TrialOutcome o) {
        if (o.status() != dev.gan4j.core.sweep.TrialStatus.COMPLETED) {
            throw new IllegalStateException(o.toString());
        }
    }
}
