package dev.gan4j.core.nn;

import dev.gan4j.api.Tensor;

/**
 * One call site's views of the tensors it is given, with the shape a layer computes on: a
 * convolution sees {@code [N, C·H·W]} data as {@code [N, C, H, W]}, a reshape passes its input on
 * under another shape. {@link Tensor#reshape} makes a new view object each time, so the views are
 * kept by the identity of the tensor they view: a call site is fed the same few tensors every step
 * (the real batch, the generator's samples, a gathered mini-batch), and after warm-up no view is
 * made. The slots are reused in turn when a fifth tensor comes.
 */
final class Views {

    private static final int SLOTS = 4;

    private final Tensor[] sources = new Tensor[SLOTS];
    private final Tensor[] views = new Tensor[SLOTS];
    private int next;

    /**
     * {@code t} seen as {@code [rows, sample...]}: {@code t} itself when it has that shape, else a
     * view sharing its storage. The caller has checked that the sizes agree.
     */
    Tensor of(Tensor t, int rows, int[] sample) {
        if (hasShape(t, rows, sample)) {
            return t;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (sources[i] == t && views[i].dim(0) == rows) {
                return views[i];
            }
        }
        Tensor view = t.reshape(Shapes.batch(rows, sample));
        sources[next] = t;
        views[next] = view;
        next = (next + 1) % SLOTS;
        return view;
    }

    /** Whether {@code t} is {@code [rows, sample...]}, compared by dimension, as {@code shape()} makes a copy. */
    static boolean hasShape(Tensor t, int rows, int[] sample) {
        if (t.rank() != sample.length + 1 || t.dim(0) != rows) {
            return false;
        }
        for (int axis = 0; axis < sample.length; axis++) {
            if (t.dim(axis + 1) != sample[axis]) {
                return false;
            }
        }
        return true;
    }
}
