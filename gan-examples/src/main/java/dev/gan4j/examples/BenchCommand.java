package dev.gan4j.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.core.bench.Bench;
import dev.gan4j.core.bench.BenchResult;
import dev.gan4j.core.bench.Workload;
import dev.gan4j.core.platform.CpuInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gan bench WORKLOAD [--backend NAME] [--backend-option KEY=VALUE]... [--iterations N]
 * [--warmup N] [--repeats R] [--seed S]}: times a workload defined exactly as the PyTorch peer
 * script defines it and prints one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = "Time a training workload (seed: the tutorial; mlp: a modern MLP GAN; dcgan: a small "
        + "MNIST DCGAN), defined as the PyTorch peer script defines it, on random data of MNIST's shape. "
        + "Prints one JSON line with seconds_per_iteration (median over the repeats) and the backend's thread "
        + "and kernel settings.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Mixin
    VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "seed, mlp or dcgan")
    String workload;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend to time (default: as for gan train).")
    String backend;

    @Option(names = {"-o", "--backend-option"}, paramLabel = "KEY=VALUE",
            description = "Backend option, e.g. gemm=java for ejml's pure-Java GEMM; repeatable.")
    List<String> backendOptions = List.of();

    @Option(names = "--iterations", paramLabel = "N",
            description = "Timed iterations per repeat (default: seed 30, mlp 200, dcgan 20, as the peer's docstring).")
    Integer iterations;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Untimed iterations first, for the JIT (default: seed 10, mlp 50, dcgan 10).")
    Integer warmup;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "Timed repeats; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws JsonProcessingException {
        Workload w;
        try {
            w = Workload.of(workload);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        int n = iterations == null ? w.defaultIterations() : iterations;
        int warm = warmup == null ? w.defaultWarmup() : warmup;
        if (n < 1 || warm < 0 || repeats < 1) {
            throw new UserError("--iterations and --repeats must be at least 1 and --warmup at least 0, got "
                    + n + ", " + repeats + " and " + warm, null);
        }
        Map<String, String> options = ExperimentOptions.parseBackendOptions(backendOptions);
        BenchResult result;
        try (Backend b = create(options)) {
            result = Bench.run(w, b, n, warm, repeats, seed);
        }
        cli.out.println(toJson(result));
        cli.out.flush();
        return 0;
    }

    private Backend create(Map<String, String> options) {
        var provider = Backends.discover().select(backend);
        try {
            return provider.create(options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError("backend '" + provider.name() + "' with options " + options + ": " + e.getMessage(), e);
        }
    }

    /** The peer script's field names ({@code workload}, {@code seconds_per_iteration}) plus ours. */
    static String toJson(BenchResult r) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("workload", r.workload());
        json.put("backend", r.backend());
        json.put("backend_version", r.backendVersion());
        json.put("iterations", r.iterations());
        json.put("warmup", r.warmup());
        json.put("repeats", r.repeatSeconds().length);
        json.put("seconds_per_iteration", r.secondsPerIteration());
        ArrayNode each = json.putArray("repeat_seconds_per_iteration");
        for (double s : r.repeatSeconds()) {
            each.add(s);
        }
        if (!Double.isNaN(r.cpuSecondsPerIteration())) {
            json.put("cpu_seconds_per_iteration", r.cpuSecondsPerIteration());
        }
        ObjectNode settings = json.putObject("settings");
        r.settings().forEach(settings::put);
        json.put("java", System.getProperty("java.version"));
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        // the ratio to PyTorch differs between CPU classes, so every figure names its CPU
        json.set("cpu", mapper.valueToTree(CpuInfo.current()));
        return mapper.writeValueAsString(json);
    }
}
