package dev.gan4j.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.ScheduleConfig;
import dev.gan4j.core.optim.Schedules;
import java.io.IOException;

/**
 * One network's optimiser as written in an experiment: the optimiser's own object, e.g.
 * {@code {"type": "adam", "learningRate": 2e-4}}, which may also carry a {@code "schedule"}. The
 * schedule is bound here, for every optimiser type, so an {@link OptimizerConfig} (a user's
 * included) never declares it.
 *
 * @param optimizer the optimiser's settings, bound by its {@link dev.gan4j.api.OptimizerType}
 * @param schedule how its learning rate varies ({@code {"type": "constant"}} when not given)
 */
@JsonSerialize(using = ScheduledOptimizerConfig.Writer.class)
@JsonDeserialize(using = ScheduledOptimizerConfig.Reader.class)
public record ScheduledOptimizerConfig(OptimizerConfig optimizer, ScheduleConfig schedule) {

    private static final String SCHEDULE = "schedule";

    public ScheduledOptimizerConfig {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be given");
        }
        schedule = schedule == null ? new Schedules.Constant() : schedule;
    }

    /** {@code optimizer} at a constant learning rate. */
    public ScheduledOptimizerConfig(OptimizerConfig optimizer) {
        this(optimizer, null);
    }

    /** The optimiser's base learning rate. */
    public double learningRate() {
        return optimizer.learningRate();
    }

    /** Binds the optimiser's object without {@code "schedule"}, then the schedule on its own. */
    static final class Reader extends StdDeserializer<ScheduledOptimizerConfig> {
        Reader() {
            super(ScheduledOptimizerConfig.class);
        }

        @Override
        public ScheduledOptimizerConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!(node instanceof ObjectNode object)) {
                throw MismatchedInputException.from(p, OptimizerConfig.class, "an optimizer must be an object");
            }
            if (!object.has(SCHEDULE)) {
                return new ScheduledOptimizerConfig(ctxt.readTreeAsValue(object, OptimizerConfig.class));
            }
            ObjectNode settings = object.deepCopy();
            JsonNode schedule = settings.remove(SCHEDULE);
            OptimizerConfig optimizer = ctxt.readTreeAsValue(settings, OptimizerConfig.class);
            try {
                return new ScheduledOptimizerConfig(optimizer,
                        schedule.isNull() ? null : ctxt.readTreeAsValue(schedule, ScheduleConfig.class));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, ScheduledOptimizerConfig.class, SCHEDULE);
            }
        }
    }

    /** Writes the optimiser's object with {@code "schedule"} as its last field. */
    static final class Writer extends StdSerializer<ScheduledOptimizerConfig> {
        Writer() {
            super(ScheduledOptimizerConfig.class);
        }

        @Override
        public void serialize(ScheduledOptimizerConfig value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            // by the runtime class: the interfaces have no bean properties; the type id comes along
            TokenBuffer settings = provider.bufferForValueConversion();
            provider.findTypedValueSerializer(value.optimizer().getClass(), true, null)
                    .serialize(value.optimizer(), settings, provider);
            try (JsonParser p = settings.asParser()) {
                int depth = 0;
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t.isStructStart()) {
                        depth++;
                    } else if (t.isStructEnd() && --depth == 0) {
                        gen.writeFieldName(SCHEDULE);
                        provider.findTypedValueSerializer(value.schedule().getClass(), true, null)
                                .serialize(value.schedule(), gen, provider);
                    }
                    gen.copyCurrentEvent(p);
                }
            }
        }
    }
}
