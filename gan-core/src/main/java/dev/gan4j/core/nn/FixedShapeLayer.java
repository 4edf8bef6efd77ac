package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.Parameter;
import java.util.List;

/** Base of the layers whose per-sample input and output shapes are fixed when they are built (the image layers). */
abstract class FixedShapeLayer implements Layer {

    /** Per-sample input shape. */
    final int[] in;
    /** Per-sample output shape. */
    final int[] out;
    /** Values per input sample. */
    final int inSize;

    /** @throws IllegalArgumentException if a shape has a dimension below 1 or too many values */
    FixedShapeLayer(int[] in, int[] out) {
        this.in = in.clone();
        this.out = out.clone();
        this.inSize = Shapes.size(in);
        Shapes.size(out);
    }

    /** None, unless the layer has some. */
    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public final int[] inputShape() {
        return in.clone();
    }

    @Override
    public final int[] outputShape() {
        return out.clone();
    }
}
