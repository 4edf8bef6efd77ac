package dev.gan4j.core.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Dataset;
import dev.gan4j.core.platform.CpuInfo;
import dev.gan4j.core.plugin.PluginClassLoader;
import dev.gan4j.core.plugin.PluginJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a run's numbers came from ({@code provenance.json}): the software and machine, the seed,
 * the backend and its settings, the data and the SHA-256 of every data file, when it started and
 * the command that started it.
 *
 * @param gan4jVersion gan4j's version
 * @param experiment the experiment's name
 * @param seed the experiment's seed
 * @param startTime when training started, ISO-8601 UTC
 * @param commandLine the command that started the run; empty when started from code
 * @param backend the backend the run used
 * @param java the JVM
 * @param os the operating system and processor count
 * @param cpu the processor's model and vector extensions
 * @param plugins the plugin jars loaded ({@link PluginClassLoader}), with their SHA-256; empty for none
 * @param dataset the real data
 */
@JsonPropertyOrder({"gan4jVersion", "experiment", "seed", "startTime", "commandLine", "backend", "java", "os",
    "cpu", "plugins", "dataset"})
public record Provenance(String gan4jVersion, String experiment, long seed, String startTime,
        List<String> commandLine, BackendInfo backend, JavaInfo java, OsInfo os, CpuInfo cpu,
        List<PluginJar> plugins, DatasetInfo dataset) {

    private static final String VERSION_RESOURCE = "gan4j.properties";

    public Provenance {
        commandLine = List.copyOf(commandLine);
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /**
     * @param name provider name, e.g. {@code ejml}
     * @param version the underlying library's version
     * @param settings settings that affect speed or numerics
     */
    @JsonPropertyOrder({"name", "version", "settings"})
    public record BackendInfo(String name, String version, Map<String, String> settings) {
        public BackendInfo {
            settings = new TreeMap<>(settings);
        }
    }

    /**
     * @param vendor e.g. {@code Eclipse Adoptium}
     * @param version e.g. {@code 17.0.15}
     * @param vm the virtual machine's name
     */
    @JsonPropertyOrder({"vendor", "version", "vm"})
    public record JavaInfo(String vendor, String version, String vm) {
    }

    /**
     * @param name e.g. {@code Linux}
     * @param version the kernel version
     * @param arch e.g. {@code amd64}
     * @param processors processors available to the JVM
     */
    @JsonPropertyOrder({"name", "version", "arch", "processors"})
    public record OsInfo(String name, String version, String arch, int processors) {
    }

    /**
     * @param name e.g. {@code mnist/test}
     * @param size number of samples
     * @param sampleShape per-sample shape
     * @param classCount number of classes, 0 if unlabelled
     * @param classNames the classes' names, indexed by label (a conditional grid's rows, top to
     *     bottom), e.g. {@code "T-shirt/top"} for Fashion-MNIST's 0; empty if unlabelled
     * @param files the files read, with their SHA-256
     */
    @JsonPropertyOrder({"name", "size", "sampleShape", "classCount", "classNames", "files"})
    public record DatasetInfo(String name, int size, List<Integer> sampleShape, int classCount,
            List<String> classNames, List<DataFile> files) {
        public DatasetInfo {
            sampleShape = List.copyOf(sampleShape);
            classNames = List.copyOf(classNames);
            files = List.copyOf(files);
        }
    }

    /** Provenance of a run of experiment {@code name} with {@code seed} starting now on this machine. */
    public static Provenance capture(String name, long seed, Backend backend, Dataset dataset, List<DataFile> files,
            List<String> commandLine, Instant start) {
        return new Provenance(currentGan4jVersion(), name, seed, start.toString(), commandLine,
                new BackendInfo(backend.name(), backend.version(), backend.settings()),
                new JavaInfo(System.getProperty("java.vendor"), System.getProperty("java.version"),
                        System.getProperty("java.vm.name")),
                new OsInfo(System.getProperty("os.name"), System.getProperty("os.version"),
                        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors()),
                CpuInfo.current(),
                PluginClassLoader.current().map(PluginClassLoader::jars).orElse(List.of()),
                new DatasetInfo(dataset.name(), dataset.size(), Arrays.stream(dataset.sampleShape()).boxed().toList(),
                        dataset.classCount(), dataset.classNames(), files));
    }

    /** gan4j's version, from a resource Maven fills in at build time. */
    public static String currentGan4jVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + VERSION_RESOURCE + " is missing from gan-core's jar");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("resource " + VERSION_RESOURCE + " was not filled in by the build: "
                        + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
