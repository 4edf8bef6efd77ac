package dev.gan4j.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Where the real samples come from ({@code "data"} in an experiment). gan-core only describes the
 * request; a data module (gan-mnist) turns it into a {@link dev.gan4j.api.Dataset}.
 *
 * @param dataset the dataset's name, e.g. {@code "mnist"}, {@code "fashion-mnist"},
 *     {@code "idx"} for a pair of IDX files given by {@code images} and {@code labels}, or
 *     {@code "images"} for a folder of greyscale PNG files given by {@code dir}
 * @param split {@code "train"} (default) or {@code "test"}
 * @param dir directory holding the dataset's files; {@code null} (default) searches the usual
 *     places ({@code GAN4J_DATA_DIR}, the system's dataset directory, the user cache). For
 *     {@code "images"} (required), the folder of PNG files. Relative paths are resolved against
 *     the working directory
 * @param transform how pixels are scaled: {@code "unit"} to [0,1] (default), {@code "symmetric"}
 *     to [-1,1], {@code "row-minmax"} each image min-max scaled to [0,1] (the tutorial's)
 * @param images the IDX image file, only for dataset {@code "idx"}
 * @param labels the IDX label file, optional, only for dataset {@code "idx"}
 * @param mirrors base URLs to download missing files from, tried in order; empty (default) uses
 *     the data module's canonical mirrors
 */
@JsonPropertyOrder({"dataset", "split", "dir", "transform", "images", "labels", "mirrors"})
public record DataConfig(String dataset, Split split, String dir, Transform transform, String images,
        String labels, List<String> mirrors) {

    /** The dataset name that reads explicit IDX files. */
    public static final String IDX = "idx";
    /** The dataset name that reads a folder of PNG files ({@code dir}). */
    public static final String IMAGES = "images";

    /** Which part of a dataset to read. */
    public enum Split {
        @JsonProperty("train") TRAIN,
        @JsonProperty("test") TEST;

        /** The JSON name, {@code "train"} or {@code "test"}. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How raw pixel values (0..255) become model inputs. */
    public enum Transform {
        /** {@code x / 255}, in [0, 1]. */
        @JsonProperty("unit") UNIT(0, 1),
        /** {@code x / 127.5 - 1}, in [-1, 1] (for tanh generators). */
        @JsonProperty("symmetric") SYMMETRIC(-1, 1),
        /** Each image min-max scaled to [0, 1] on its own, as the tutorial does. */
        @JsonProperty("row-minmax") ROW_MINMAX(0, 1);

        private final double min;
        private final double max;

        Transform(double min, double max) {
            this.min = min;
            this.max = max;
        }

        /** The JSON name, e.g. {@code "row-minmax"}. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Smallest value a transformed pixel can take; sample grids map it to black. */
        public double min() {
            return min;
        }

        /** Largest value a transformed pixel can take; sample grids map it to white. */
        public double max() {
            return max;
        }
    }

    public DataConfig {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must be given, e.g. \"mnist\", \"fashion-mnist\", \"idx\" "
                    + "or \"images\"");
        }
        if (split == null) {
            throw new IllegalArgumentException("split must be \"train\" or \"test\"");
        }
        if (transform == null) {
            throw new IllegalArgumentException("transform must be \"unit\", \"symmetric\" or \"row-minmax\"");
        }
        if (IDX.equals(dataset)) {
            if (images == null || images.isBlank()) {
                throw new IllegalArgumentException("images must name an IDX image file when dataset is \"idx\"");
            }
        } else if (images != null || labels != null) {
            // "images" reads its folder (dir); named datasets find their own files
            throw new IllegalArgumentException("images and labels are only used with dataset \"idx\", not \""
                    + dataset + "\"");
        }
        if (IMAGES.equals(dataset) && (dir == null || dir.isBlank())) {
            throw new IllegalArgumentException("dir must name a folder of PNG files when dataset is \"images\"");
        }
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** A request for {@code dataset}'s {@code split} with {@code transform}, found in the usual places. */
    public static DataConfig of(String dataset, Split split, Transform transform) {
        return new DataConfig(dataset, split, null, transform, null, null, List.of());
    }

    @JsonCreator
    static DataConfig fromJson(@JsonProperty(value = "dataset", required = true) String dataset,
            @JsonProperty("split") Split split, @JsonProperty("dir") String dir,
            @JsonProperty("transform") Transform transform, @JsonProperty("images") String images,
            @JsonProperty("labels") String labels, @JsonProperty("mirrors") List<String> mirrors) {
        return new DataConfig(dataset, split == null ? Split.TRAIN : split, dir,
                transform == null ? Transform.UNIT : transform, images, labels, mirrors);
    }
}
