package dev.gan4j.spark;

import dev.gan4j.core.sweep.TrialOutcome;
import dev.gan4j.core.sweep.TrialRunner;
import dev.gan4j.core.sweep.TrialTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark in local mode inside the test's JVM, bound to the loopback address, without its web UI. */
final class LocalSpark {
    private LocalSpark() {
    }

    static JavaSparkContext start(String master, Map<String, String> settings) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("gan-spark test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        settings.forEach(conf::set);
        return new JavaSparkContext(conf);
    }

    /** The tasks run one after another in this thread: what every executor must reproduce. */
    static List<TrialOutcome> reference(List<TrialTask> tasks) {
        List<TrialOutcome> out = new ArrayList<>();
        for (TrialTask t : tasks) {
            out.add(TrialRunner.run(t));
        }
        return comparable(out);
    }

    /**
     * The outcomes sorted by trial, without their timings (the one field that differs between
     * executors), so that two lists compare with equals.
     */
    static List<TrialOutcome> comparable(List<TrialOutcome> outcomes) {
        return outcomes.stream().sorted(Comparator.comparing(TrialOutcome::trialId))
                .map(o -> new TrialOutcome(o.trialId(), o.rung(), o.iterations(), o.status(), o.figures(), o.error(), 0))
                .toList();
    }
}
