package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "random-translate", "fraction": 0.125, "cutout": 0.5}}: DiffAugment's random
 * translation (and optional cutout) of {@code [C, H, W]} images in training, the identity in eval
 * mode; see {@link RandomTranslate}.
 *
 * @param fraction the largest shift as a fraction of each side, in [0, 0.5] (default 0.125, DiffAugment's)
 * @param cutout the side of a zeroed square as a fraction of each side, in [0, 1] (default 0: none;
 *     DiffAugment uses 0.5)
 */
public record RandomTranslateConfig(double fraction, double cutout) implements LayerConfig {

    /** DiffAugment's translation ratio. */
    public static final double DEFAULT_FRACTION = 0.125;

    public RandomTranslateConfig {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("fraction must be in [0, 0.5], got " + fraction);
        }
        if (!(cutout >= 0 && cutout <= 1)) {
            throw new IllegalArgumentException("cutout must be in [0, 1], got " + cutout);
        }
    }

    @JsonCreator
    static RandomTranslateConfig fromJson(@JsonProperty("fraction") Double fraction,
            @JsonProperty("cutout") Double cutout) {
        return new RandomTranslateConfig(fraction == null ? DEFAULT_FRACTION : fraction, cutout == null ? 0 : cutout);
    }
}
