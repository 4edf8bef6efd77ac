package dev.gan4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.run.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gan runs [DIR] [--json]}: the runs in a directory, oldest first, with their key figures. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = GanCli.Version.class,
        description = {"List the runs in DIR (default: runs): name, start, state, iterations done, "
    + "last losses and the latest evaluation figures.",
    "States: running, finished, interrupted (resume it), failed, diverged, killed (its process died: resume it), "
    + "damaged (a file of it cannot be parsed: the reason is printed below the table)."})
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    GanCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Directory of runs. Default: runs.")
    Path dir = TrainCommand.RUNS;

    @Option(names = "--json", description = "One JSON array, for scripts.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir + " is not a directory of runs", null);
        }
        // no directory yet is no runs yet: gan train makes ./runs on its first run
        List<RunSummary> runs = Files.isDirectory(dir) ? RunSummary.list(dir) : List.of();
        PrintWriter o = cli.out;
        if (json) {
            o.println(toJson(runs));
        } else if (runs.isEmpty()) {
            o.println("No runs in " + dir);
        } else {
            table(o, runs);
        }
        o.flush();
        return 0;
    }

    private static void table(PrintWriter o, List<RunSummary> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "STARTED", "STATE", "ITERATIONS", "D LOSS", "G LOSS", "EVALUATION"});
        for (RunSummary r : runs) {
            rows.add(new String[] {r.directory().getFileName().toString(), started(r.started()), r.state(),
                String.format(Locale.ROOT, "%,d/%,d", r.iteration(), r.iterations()), number(r.dLoss()),
                number(r.gLoss()), evaluation(r.evaluation())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format(Locale.ROOT, "%-" + widths[c] + "s  ", row[c]));
            }
            o.println(line.toString().stripTrailing());
        }
        for (RunSummary r : runs) {
            if (!r.message().isEmpty()) {
                o.println(r.directory().getFileName() + ": " + r.message());
            }
        }
    }

    /** {@code 2025-03-01 14:05} from an ISO instant, or {@code -}. */
    private static String started(String iso) {
        return iso.length() >= 16 ? iso.substring(0, 10) + " " + iso.substring(11, 16) : "-";
    }

    /** Four decimals, or scientific notation when that would hide the value (a diverged run's 1e35). */
    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String evaluation(Map<String, Double> figures) {
        List<String> parts = new ArrayList<>();
        figures.forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.4g", v)));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String toJson(List<RunSummary> runs) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (RunSummary r : runs) {
            ObjectNode n = array.addObject();
            n.put("directory", r.directory().toString());
            n.put("experiment", r.experiment());
            n.put("started", r.started());
            n.put("state", r.state());
            n.put("iteration", r.iteration());
            n.put("iterations", r.iterations());
            putNumber(n, "d_loss", r.dLoss());
            putNumber(n, "g_loss", r.gLoss());
            ObjectNode e = n.putObject("evaluation");
            r.evaluation().forEach((k, v) -> putNumber(e, k, v));
            n.put("message", r.message());
        }
        return mapper.writeValueAsString(array);
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
