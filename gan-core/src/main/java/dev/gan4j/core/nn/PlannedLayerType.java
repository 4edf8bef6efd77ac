package dev.gan4j.core.nn;

import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerType;

/**
 * A {@link LayerType} that can say what a layer would be without building it (see
 * {@link LayerPlan}). gan-core's own types implement it; a type that does not is built once on
 * its own to be measured, so its parameters are allocated twice while a model is planned.
 *
 * @param <C> the configuration record
 */
public interface PlannedLayerType<C extends LayerConfig> extends LayerType<C> {

    /**
     * What {@link #create} would build for {@code config} on {@code inputShape}, allocating
     * nothing in proportion to the layer's size.
     *
     * @throws IllegalArgumentException exactly when {@link #create} would, with the same message
     */
    LayerPlan plan(C config, int[] inputShape);
}
