package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.mnist.DataEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code gan bench} prints one JSON line the peer's fields can be compared with. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gan(String... args) {
        return new GanCli(new PrintWriter(out), new PrintWriter(err), DataEnvironment.system()).execute(args);
    }

    @Test
    void printsOneJsonLineWithTheMedianAndTheBackendSettings() throws Exception {
        assertEquals(0, gan("bench", "mlp", "--backend", "ejml", "-o", "gemm=java", "--iterations", "2", "--warmup",
                "1", "--repeats", "3"), err::toString);
        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out::toString);
        JsonNode json = new ObjectMapper().readTree(lines[0]);
        assertEquals("mlp", json.get("workload").asText());
        assertEquals("ejml", json.get("backend").asText());
        assertEquals(2, json.get("iterations").asInt());
        assertEquals(1, json.get("warmup").asInt());
        assertEquals(3, json.get("repeat_seconds_per_iteration").size());
        double median = json.get("seconds_per_iteration").asDouble();
        assertTrue(median > 0, lines[0]);
        assertEquals("java", json.get("settings").get("gemm").asText(), lines[0]);
        assertEquals("1", json.get("settings").get("threads").asText(), lines[0]);
        assertEquals(dev.gan4j.core.platform.CpuInfo.current().describe(),
                json.at("/cpu/model").asText() + " (" + json.at("/cpu/vectorClass").asText() + ")", lines[0]);
        assertEquals("", err.toString());
    }

    @Test
    void dcganRunsOnEveryBackend() throws Exception {
        for (String backend : new String[] {"ejml", "nd4j"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, gan("bench", "dcgan", "--backend", backend, "--iterations", "1", "--warmup", "1",
                    "--repeats", "1"), err::toString);
            JsonNode json = new ObjectMapper().readTree(out.toString().strip());
            assertEquals("dcgan", json.get("workload").asText());
            assertEquals(backend, json.get("backend").asText());
            assertTrue(json.get("seconds_per_iteration").asDouble() > 0, out::toString);
        }
    }

    @Test
    void unknownWorkloadOrBadOptionIsAUserError() {
        assertEquals(GanCli.USER_ERROR, gan("bench", "stylegan"));
        assertTrue(err.toString().contains("unknown workload 'stylegan'; known: [seed, mlp, dcgan]"), err::toString);
        assertEquals(GanCli.USER_ERROR, gan("bench", "mlp", "--backend", "ejml", "-o", "gemm"));
        assertTrue(err.toString().contains("KEY=VALUE"), err::toString);
        assertEquals(GanCli.USER_ERROR, gan("bench", "mlp", "--backend", "ejml", "-o", "gemm=fast"));
        assertTrue(err.toString().contains("'fast'"), err::toString);
        assertEquals(GanCli.USER_ERROR, gan("bench", "mlp", "--repeats", "0"));
        assertTrue(err.toString().contains("--repeats"), err::toString);
    }
}
