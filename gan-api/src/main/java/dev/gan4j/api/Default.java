package dev.gan4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a field of a plain configuration record takes when an experiment leaves it out, written
 * as JSON ({@code "0.2"}, {@code "true"}, {@code "\"nearest\""}, {@code "[1, 2]"}). A component
 * without it is required: an experiment that leaves it out is an error naming the field (and the
 * near miss, if a misspelt field stands where it should). So a layer, optimiser, loss or schedule
 * configuration needs no JSON library in the user's code:
 *
 * <pre>{@code
 * public record MinibatchStddevConfig(@Default("4") int groupSize) implements LayerConfig { }
 * }</pre>
 *
 * <p>Records that bind themselves with Jackson's {@code @JsonCreator} (gan4j's own) are left to it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Default {

    /** The default, as JSON; a bare word that is not JSON is taken as a string. */
    String value();
}
