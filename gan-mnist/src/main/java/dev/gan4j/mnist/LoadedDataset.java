package dev.gan4j.mnist;

import dev.gan4j.api.Dataset;
import dev.gan4j.api.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dataset of one-channel images held in memory, already transformed, with optional class
 * labels and the provenance of the files it came from. {@link DataLoader} makes these from IDX
 * files; {@link #of} from arrays.
 *
 * <p>All images live in one {@code float[]} ({@code size × height × width}, image after image).
 * {@link #gather} copies the requested rows into a small staging array that is reused from
 * call to call and uploads it to the caller's tensor with one {@link Tensor#copyFrom}, so a
 * training loop allocates nothing per batch. (Uploading the whole dataset to the backend once
 * and using {@code Backend.gatherRows} would hold a second full copy per backend; see the
 * README for the measurement that chose this way.)
 *
 * <p>Not thread-safe: the staging array is shared by calls to {@link #gather}.
 */
public final class LoadedDataset implements Dataset {

    private final String dataset;
    private final String split;
    private final Transform transform;
    private final int height;
    private final int width;
    private final int pixels;
    private final int size;
    private final float[] images;
    private final int[] labels;
    private final List<String> classNames;
    private final List<DataFile> files;
    private float[] staging = new float[0];

    /** Takes ownership of the arrays; callers have validated them. */
    LoadedDataset(String dataset, String split, Transform transform, int height, int width, float[] images,
            int[] labels, List<String> classNames, List<DataFile> files) {
        this.dataset = dataset;
        this.split = split;
        this.transform = transform;
        this.height = height;
        this.width = width;
        this.pixels = height * width;
        this.size = images.length / pixels;
        this.images = images;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
    }

    /**
     * A dataset from arrays (copied), e.g. for tests or images read by other means.
     *
     * @param images {@code n × height × width} values, already transformed
     * @param labels {@code n} labels in {@code [0, classNames.size())}, or {@code null}
     * @param classNames names of the classes (empty when there are no labels)
     * @throws IllegalArgumentException if sizes disagree or a label is out of range
     */
    public static LoadedDataset of(String dataset, String split, Transform transform, int height, int width,
            float[] images, int[] labels, List<String> classNames, List<DataFile> files) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(transform, "transform");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
        int pixels = Math.multiplyExact(height, width);
        if (images.length == 0 || images.length % pixels != 0) {
            throw new IllegalArgumentException(images.length + " values are not a positive number of "
                    + height + "×" + width + " images");
        }
        int n = images.length / pixels;
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(n + " images but " + labels.length + " labels");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is outside 0.."
                            + (classNames.size() - 1));
                }
            }
        }
        return new LoadedDataset(dataset, split, transform, height, width, images.clone(),
                labels == null ? null : labels.clone(), labels == null ? List.of() : classNames, files);
    }

    @Override
    public String name() {
        return split == null ? dataset : dataset + "/" + split;
    }

    /** The dataset name, e.g. {@code "mnist"}. */
    public String dataset() {
        return dataset;
    }

    /** The split, e.g. {@code "test"}; may be {@code null} for explicit files. */
    public String split() {
        return split;
    }

    /** The transform applied to the pixel values. */
    public Transform transform() {
        return transform;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] sampleShape() {
        return imageShape();
    }

    /** {@code [1, height, width]}: one channel. */
    public int[] imageShape() {
        return new int[] {1, height, width};
    }

    /** Pixels per image. */
    public int pixels() {
        return pixels;
    }

    @Override
    public int classCount() {
        return labels == null ? 0 : classNames.size();
    }

    /** Whether the dataset has labels. */
    public boolean hasLabels() {
        return labels != null;
    }

    /** Names of the classes, indexed by label (empty without labels). */
    @Override
    public List<String> classNames() {
        return classNames;
    }

    /** The files the data was read from, with their SHA-256. */
    public List<DataFile> files() {
        return files;
    }

    /** Dataset, split, transform, size and files, for a run's provenance record. */
    public DataProvenance provenance() {
        return new DataProvenance(dataset, split, transform.jsonName(), size, files);
    }

    /** The label of sample {@code index}. */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(name() + " has no labels");
        }
        return labels[Objects.checkIndex(index, size)];
    }

    /** Copies sample {@code index}'s transformed pixels into {@code dst[dstOffset ..]}. */
    public void copyImage(int index, float[] dst, int dstOffset) {
        Objects.checkIndex(index, size);
        System.arraycopy(images, index * pixels, dst, dstOffset, pixels);
    }

    @Override
    public void gather(int[] indices, int offset, Tensor out, int[] labelsOut) {
        int rows = out.rows();
        if (out.columns() != pixels) {
            throw new IllegalArgumentException(name() + ": batch tensor must have " + pixels + " values per row ("
                    + height + "×" + width + "), got shape " + Arrays.toString(out.shape()));
        }
        if (offset < 0 || offset > indices.length - rows) {
            throw new IndexOutOfBoundsException("indices[" + offset + " .. " + (offset + rows) + ") is outside an "
                    + "array of " + indices.length);
        }
        if (labelsOut != null) {
            if (labels == null) {
                throw new IllegalStateException(name() + " has no labels");
            }
            if (labelsOut.length < rows) {
                throw new IllegalArgumentException("labels array has " + labelsOut.length + " slots for " + rows
                        + " rows");
            }
        }
        // check every index before writing anything, so a bad one leaves the outputs untouched
        for (int k = 0; k < rows; k++) {
            int index = indices[offset + k];
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("sample index " + index + " at indices[" + (offset + k)
                        + "] is outside " + name() + " (size " + size + ")");
            }
        }
        int needed = rows * pixels;
        if (staging.length < needed) {
            staging = new float[needed]; // grows once to the batch size, then is reused
        }
        for (int k = 0; k < rows; k++) {
            int index = indices[offset + k];
            System.arraycopy(images, index * pixels, staging, k * pixels, pixels);
            if (labelsOut != null) {
                labelsOut[k] = labels[index];
            }
        }
        out.copyFrom(staging);
    }

    @Override
    public String toString() {
        return "LoadedDataset[" + name() + ", " + size + " × " + height + "×" + width + ", " + transform.jsonName()
                + "]";
    }
}
