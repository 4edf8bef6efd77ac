package dev.gan4j.mnist;

import java.util.List;

/**
 * Where a loaded dataset came from, for a run's {@code provenance.json}.
 *
 * @param dataset the dataset name, e.g. {@code "mnist"}
 * @param split the split, e.g. {@code "train"}
 * @param transform the transform's JSON name
 * @param size number of samples
 * @param files the files read, with their SHA-256
 */
public record DataProvenance(String dataset, String split, String transform, int size, List<DataFile> files) {

    /** Copies the file list. */
    public DataProvenance {
        files = List.copyOf(files);
    }
}
