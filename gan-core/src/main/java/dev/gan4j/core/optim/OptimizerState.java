package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-parameter state tensors (velocities, moments, scratch) keyed by parameter id and slot
 * name, allocated on a parameter's first step and reused after. State imported from a
 * checkpoint waits here until the parameter it belongs to is first seen, then is checked
 * against its size.
 */
final class OptimizerState {

    private final Backend backend;
    private final String[] slots;
    private final Map<String, Tensor[]> states = new HashMap<>();
    private final Map<String, float[]> pending = new HashMap<>();

    /** @param slots names of the saved tensors per parameter, e.g. {@code "velocity"} */
    OptimizerState(Backend backend, String... slots) {
        this.backend = backend;
        this.slots = slots.clone();
    }

    /** The saved tensors of {@code p} plus {@code scratch} unsaved ones, created as zeros. */
    Tensor[] of(Parameter p, int scratch) {
        Tensor[] s = states.get(p.id());
        if (s == null) {
            s = new Tensor[slots.length + scratch];
            for (int i = 0; i < s.length; i++) {
                s[i] = backend.zeros(p.value().shape());
            }
            for (int i = 0; i < slots.length; i++) {
                float[] saved = pending.remove(p.id() + "/" + slots[i]);
                if (saved != null) {
                    if (saved.length != p.value().size()) {
                        throw new IllegalArgumentException("optimizer state " + p.id() + "/" + slots[i] + " has "
                                + saved.length + " values but the parameter has " + p.value().size());
                    }
                    s[i].copyFrom(saved);
                }
            }
            states.put(p.id(), s);
        }
        return s;
    }

    Map<String, float[]> export() {
        Map<String, float[]> out = new TreeMap<>();
        for (Map.Entry<String, Tensor[]> e : states.entrySet()) {
            for (int i = 0; i < slots.length; i++) {
                out.put(e.getKey() + "/" + slots[i], e.getValue()[i].toArray());
            }
        }
        out.putAll(pending);
        return out;
    }

    /** Takes every {@code id/slot} entry; returns the entries that are not per-parameter slots. */
    Map<String, float[]> importSlots(Map<String, float[]> state) {
        states.clear();
        pending.clear();
        Map<String, float[]> rest = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : state.entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            String slot = slash < 0 ? null : e.getKey().substring(slash + 1);
            if (slot != null && java.util.Arrays.asList(slots).contains(slot)) {
                pending.put(e.getKey(), e.getValue().clone());
            } else {
                rest.put(e.getKey(), e.getValue());
            }
        }
        return rest;
    }

    /**
     * {@code value} as three floats whose sum, taken in double precision from the first, is
     * exactly {@code value}: the checkpoint format stores float32 arrays, and a learning rate or a
     * step count rounded to float32 would make a resumed run drift from an uninterrupted one.
     */
    static float[] exact(double value) {
        float hi = (float) value;
        double r1 = value - hi;
        float mid = (float) r1;
        float lo = (float) (r1 - mid);
        return new float[] {hi, mid, lo};
    }

    /**
     * The double {@link #exact} encoded; a one-element array (written by gan4j before the exact
     * form) is read as it is.
     *
     * @throws IllegalArgumentException naming {@code key} if the array has another length
     */
    static double exactValue(String key, float[] saved) {
        if (saved.length == 1) {
            return saved[0];
        }
        if (saved.length != 3) {
            throw new IllegalArgumentException("optimizer state '" + key + "' must have 1 or 3 values, got "
                    + saved.length);
        }
        return (double) saved[0] + (double) saved[1] + (double) saved[2];
    }
}
