package dev.gan4j.core.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The generator's input noise ({@code "noise"} in an experiment).
 *
 * @param dim length of a noise vector, positive
 * @param distribution {@code normal} (N(0,1), default) or {@code uniform} (U[-1,1))
 * @param scaling {@code none} (default) or {@code row-minmax}: each vector min-max scaled to [0,1]
 *     as the tutorial does
 * @param bank if positive, a fixed bank of this many vectors is drawn once and each iteration
 *     picks from it without replacement (the tutorial's 60,000); 0 draws fresh noise every time
 *     (default 0)
 */
public record NoiseConfig(int dim, Distribution distribution, Scaling scaling, int bank) {

    /** Noise distribution. */
    public enum Distribution {
        @JsonProperty("normal") NORMAL,
        @JsonProperty("uniform") UNIFORM
    }

    /** Per-vector scaling. */
    public enum Scaling {
        @JsonProperty("none") NONE,
        @JsonProperty("row-minmax") ROW_MINMAX
    }

    public NoiseConfig {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        if (bank < 0) {
            throw new IllegalArgumentException("bank must be >= 0 (0 = fresh noise), got " + bank);
        }
        if (distribution == null || scaling == null) {
            throw new IllegalArgumentException("distribution and scaling must be given");
        }
    }

    @JsonCreator
    static NoiseConfig fromJson(@JsonProperty(value = "dim", required = true) int dim,
            @JsonProperty("distribution") Distribution distribution, @JsonProperty("scaling") Scaling scaling,
            @JsonProperty("bank") Integer bank) {
        return new NoiseConfig(dim, distribution == null ? Distribution.NORMAL : distribution,
                scaling == null ? Scaling.NONE : scaling, bank == null ? 0 : bank);
    }

    /** Fills {@code rows} vectors into {@code dst} (row-major) from {@code random}. */
    public void draw(dev.gan4j.api.SeededRandom random, float[] dst, int rows) {
        int n = rows * dim;
        if (dst.length < n) {
            throw new IllegalArgumentException("noise buffer holds " + dst.length + " values, need " + n);
        }
        for (int i = 0; i < n; i++) {
            dst[i] = (float) (distribution == Distribution.NORMAL ? random.nextGaussian()
                    : 2 * random.nextDouble() - 1);
        }
        if (scaling == Scaling.ROW_MINMAX) {
            for (int r = 0; r < rows; r++) {
                int off = r * dim;
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < dim; j++) {
                    lo = Math.min(lo, dst[off + j]);
                    hi = Math.max(hi, dst[off + j]);
                }
                float range = hi - lo;
                for (int j = 0; j < dim; j++) {
                    dst[off + j] = range > 0 ? (dst[off + j] - lo) / range : 0f;
                }
            }
        }
    }
}
