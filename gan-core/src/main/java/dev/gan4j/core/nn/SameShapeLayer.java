package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.Parameter;
import java.util.List;

/** Base of the layers whose output has the shape of their input (activations, dropout, batch norm, random translation). */
abstract class SameShapeLayer implements Layer {

    /** Per-sample shape of input and output. */
    final int[] shape;
    /** Values per sample. */
    final int size;

    SameShapeLayer(int[] shape) {
        this.shape = shape.clone();
        this.size = Shapes.size(shape);
    }

    @Override
    public final int[] inputShape() {
        return shape.clone();
    }

    @Override
    public final int[] outputShape() {
        return shape.clone();
    }

    /** None, unless the layer has some (batch norm). */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
