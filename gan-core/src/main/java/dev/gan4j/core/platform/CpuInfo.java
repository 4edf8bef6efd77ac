package dev.gan4j.core.platform;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The processor a figure was measured on: its model and the vector extensions that decide which
 * kernels OpenBLAS, ND4J and the JIT pick. Every speed figure carries it, since the same build runs
 * at different ratios to PyTorch on an AVX-512 and on an AVX2 host.
 *
 * @param model e.g. {@code AMD EPYC 7B13}, or {@code unknown}
 * @param vectorClass the widest vector instruction set: {@code AVX-512}, {@code AVX2}, {@code AVX},
 *     {@code SSE} or, off x86-64 or where it cannot be read, the JVM's {@code os.arch}
 * @param vectorExtensions the vector-related CPU flags found, sorted (e.g. {@code avx2}, {@code fma},
 *     {@code avx512f}); empty where they cannot be read
 */
@JsonPropertyOrder({"model", "vectorClass", "vectorExtensions"})
public record CpuInfo(String model, String vectorClass, List<String> vectorExtensions) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public CpuInfo {
        vectorExtensions = List.copyOf(vectorExtensions);
    }

    /** This machine's processor, read from {@code /proc/cpuinfo} on Linux; never throws. */
    public static CpuInfo current() {
        try {
            if (Files.isReadable(CPUINFO)) {
                return parse(Files.readAllLines(CPUINFO), System.getProperty("os.arch"));
            }
        } catch (IOException | RuntimeException e) {
            // fall through: a figure without its CPU's details is still a figure
        }
        return new CpuInfo("unknown", System.getProperty("os.arch"), List.of());
    }

    /** The CPU described by the lines of a Linux {@code /proc/cpuinfo} (the first processor's entry). */
    static CpuInfo parse(List<String> cpuinfo, String arch) {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if ((key.equals("flags") || key.equals("Features")) && flags.isEmpty()) {
                flags = Arrays.stream(value.split("\\s+")).map(f -> f.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
            }
        }
        List<String> vector = new ArrayList<>();
        for (String f : flags) {
            if (f.startsWith("avx") || f.startsWith("sse") || f.equals("ssse3") || f.equals("fma") || f.equals("f16c")
                    || f.startsWith("amx") || f.equals("asimd") || f.equals("sve")) {
                vector.add(f);
            }
        }
        vector.sort(null);
        String vectorClass = flags.contains("avx512f") ? "AVX-512"
                : flags.contains("avx2") ? "AVX2"
                : flags.contains("avx") ? "AVX"
                : flags.contains("sse2") ? "SSE"
                : arch;
        return new CpuInfo(model, vectorClass, vector);
    }

    /** One line for a table: {@code AMD EPYC 7B13 (AVX2)}. */
    public String describe() {
        return model + " (" + vectorClass + ")";
    }
}
