package dev.gan4j.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How class labels enter a GAN ({@code "conditioning"} in an experiment). With
 * {@code one-hot} (Mirza &amp; Osindero 2014) the one-hot label is appended to the generator's
 * noise and to the discriminator's input, so G draws the class it is asked for.
 */
public enum Conditioning {
    @JsonProperty("none") NONE,
    @JsonProperty("one-hot") ONE_HOT
}
