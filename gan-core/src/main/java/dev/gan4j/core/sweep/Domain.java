package dev.gan4j.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.List;
import java.util.SplittableRandom;

/** The values one searched path may take: a list (or choice), a uniform or a log-uniform range. */
public sealed interface Domain {

    /** One value drawn with {@code random}. */
    JsonNode sample(SplittableRandom random);

    /** Whether a grid can enumerate it. */
    boolean discrete();

    /** As written in a sweep file. */
    JsonNode toJson(com.fasterxml.jackson.databind.ObjectMapper mapper);

    /** A list of values: a grid takes each, a random search one at a time, each equally likely. */
    record Values(List<JsonNode> values, boolean choice) implements Domain {
        public Values {
            values = List.copyOf(values);
        }

        @Override
        public JsonNode sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public boolean discrete() {
            return true;
        }

        @Override
        public JsonNode toJson(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            var array = mapper.createArrayNode().addAll(values);
            return choice ? mapper.createObjectNode().set("choice", array) : array;
        }
    }

    /** Uniform on {@code [low, high)}, or log-uniform: {@code exp} of uniform between the logs. */
    record Range(double low, double high, boolean logarithmic) implements Domain {
        @Override
        public JsonNode sample(SplittableRandom random) {
            double u = random.nextDouble();
            double v = logarithmic ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
                    : low + u * (high - low);
            // four significant digits: readable settings, and the same text on every JVM
            return DoubleNode.valueOf(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.4g", v)));
        }

        @Override
        public boolean discrete() {
            return false;
        }

        @Override
        public JsonNode toJson(com.fasterxml.jackson.databind.ObjectMapper mapper) {
            return mapper.createObjectNode().set(logarithmic ? "log-uniform" : "uniform",
                    mapper.createArrayNode().add(low).add(high));
        }
    }
}
