package dev.gan4j.mnist;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Reads {@code "dataset": "images"}: a folder of greyscale PNG files, all of one size.
 *
 * <p>Either the folder holds the PNG files itself (an unlabelled dataset), or it holds one
 * sub-folder per class, each holding that class's PNG files: the classes are the sub-folder
 * names sorted by {@link String#compareTo} (code-unit order, as {@code LC_ALL=C ls} sorts ASCII
 * names), labelled 0, 1, … in that order. Within a folder files are taken in the same order, so
 * the sample order, and with it every seeded shuffle, is the same on every machine. Names
 * starting with {@code .} are skipped, and files not ending in {@code .png} (any case) are
 * ignored; a folder that mixes PNG files and sub-folders, or a sub-folder inside a class folder,
 * is an error rather than silently half-read.
 *
 * <p>PNG colour type 0 (greyscale) of any bit depth is accepted; 1-, 2-, 4- and 16-bit samples
 * are scaled to 0..255 like 8-bit ones before the {@link Transform}. The colour type and size are
 * read from the file's IHDR chunk, and every chunk's length and CRC are checked, before the file
 * is decoded, so a colour image, one of another size, or a truncated or corrupt file is
 * reported (naming the file and byte offset) instead of being decoded partly. Provenance records the folder as one
 * {@link DataFile}: its size is the PNG files' total size and its SHA-256 is that of the
 * manifest {@code "<sha256>  <relative path>\n"} per file in sample order (what
 * {@code sha256sum} prints), so any change to any file, its name or its class changes it.
 */
final class ImageFolder {

    /** The dataset name. */
    static final String NAME = DatasetCatalog.IMAGES;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Signature, IHDR length and type, width, height, bit depth, colour type. */
    private static final int HEADER_BYTES = 26;
    /** The largest float array the JVM reliably allocates. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /**
     * The largest image read, 4096×4096 pixels: GAN training images are far smaller, and a PNG
     * header is a few bytes that can declare gigabytes of pixels (a 69-byte file declaring
     * 46340×46340 decodes to 2 GiB), so the size is refused before anything is decoded.
     */
    static final long MAX_PIXELS_PER_IMAGE = 4096L * 4096L;

    private ImageFolder() {
    }

    /** One PNG file to read, with its label (0 when unlabelled) and path relative to the folder. */
    private record Entry(Path path, String relative, int label) {
    }

    /**
     * Reads every PNG in {@code dir} as described above.
     *
     * @param split recorded in the dataset's name; may be {@code null}
     * @throws DataLoadException naming the folder or file and what was wrong
     */
    static LoadedDataset load(Path dir, String split, Transform transform) {
        if (!Files.isDirectory(dir)) {
            throw new DataLoadException("dataset '" + NAME + "': " + dir + (Files.exists(dir) ? " is not a directory"
                    : " does not exist") + "; data.dir must name a folder of PNG files");
        }
        List<Path> pngs = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        list(dir, pngs, folders);
        List<Entry> entries = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        if (!pngs.isEmpty() && !folders.isEmpty()) {
            throw new DataLoadException(dir + ": holds both PNG files (" + pngs.get(0).getFileName() + ", …) and "
                    + "sub-folders (" + folders.get(0).getFileName() + ", …); put the images either all directly in "
                    + "it (no labels) or in one sub-folder per class");
        }
        if (folders.isEmpty()) {
            if (pngs.isEmpty()) {
                throw new DataLoadException(dir + ": holds no PNG files (names ending in .png) and no class "
                        + "sub-folders");
            }
            for (Path p : pngs) {
                entries.add(new Entry(p, p.getFileName().toString(), 0));
            }
        } else {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                List<Path> inside = new ArrayList<>();
                List<Path> nested = new ArrayList<>();
                list(folder, inside, nested);
                if (!nested.isEmpty()) {
                    throw new DataLoadException(nested.get(0) + ": a folder inside class folder '" + name + "'; "
                            + "class folders must hold their PNG files directly");
                }
                if (inside.isEmpty()) {
                    throw new DataLoadException(folder + ": class folder '" + name + "' holds no PNG files");
                }
                for (Path p : inside) {
                    entries.add(new Entry(p, name + "/" + p.getFileName(), classNames.size()));
                }
                classNames.add(name);
            }
        }
        return read(dir, split, transform, entries, folders.isEmpty() ? null : classNames);
    }

    /** Sorts {@code dir}'s visible PNG files into {@code pngs} and its sub-folders into {@code folders}. */
    private static void list(Path dir, List<Path> pngs, List<Path> folders) {
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(BY_NAME).forEach(p -> {
                if (Files.isDirectory(p)) {
                    folders.add(p);
                } else if (Files.isRegularFile(p)
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                    pngs.add(p);
                }
            });
        } catch (IOException e) {
            throw new DataLoadException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final Comparator<Path> BY_NAME = Comparator.comparing(p -> p.getFileName().toString());

    private static LoadedDataset read(Path dir, String split, Transform transform, List<Entry> entries,
            List<String> classNames) {
        int n = entries.size();
        float[] pixels = null;
        int height = 0;
        int width = 0;
        int[] labels = classNames == null ? null : new int[n];
        int[] row = new int[0];
        MessageDigest manifest = Sha256.newDigest();
        long totalBytes = 0;
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(e.path);
            } catch (IOException ex) {
                throw new DataLoadException("cannot read " + e.path + ": " + ex.getMessage(), ex);
            }
            totalBytes += bytes.length;
            String line = Sha256.hex(Sha256.newDigest().digest(bytes)) + "  " + e.relative + "\n";
            manifest.update(line.getBytes(StandardCharsets.UTF_8));
            int[] size = header(e.path, bytes);
            if (pixels == null) {
                height = size[0];
                width = size[1];
                long values = (long) n * height * width;
                if (values > MAX_VALUES) {
                    throw new DataLoadException(dir + ": " + n + " images of " + height + "×" + width + " ("
                            + e.path.getFileName() + "'s size) are " + values + " values, more than one in-memory "
                            + "dataset can hold (" + MAX_VALUES + ")");
                }
                // the dataset's floats, and one decoded image of up to 16-bit samples beside them
                HeapBudget.require(4 * values + 2L * height * width, dir + ": " + n + " images of " + height
                        + "×" + width + " (" + e.path.getFileName() + "'s size) as floats");
                pixels = new float[(int) values];
                row = new int[width];
            } else if (size[0] != height || size[1] != width) {
                throw new DataLoadException(e.path + ": is " + size[0] + "×" + size[1] + " (height×width) but "
                        + entries.get(0).path + ", the first image, is " + height + "×" + width
                        + "; all images must have one size");
            }
            decode(e.path, bytes, pixels, i * height * width, height, width, row);
            transform.applyRow(pixels, i * height * width, height * width);
            if (labels != null) {
                labels[i] = e.label;
            }
        }
        String origin = "image folder: " + n + " PNG files" + (classNames == null ? ""
                : " in " + classNames.size() + " class folders") + "; sha256 of the manifest";
        DataFile folder = new DataFile(dir, totalBytes, Sha256.hex(manifest.digest()), origin, false);
        return new LoadedDataset(NAME, split, transform, height, width, pixels, labels,
                classNames == null ? List.of() : classNames, List.of(folder));
    }

    /**
     * Checks the PNG signature and that the IHDR chunk declares a greyscale image; returns
     * {@code [height, width]}.
     */
    private static int[] header(Path file, byte[] b) {
        if (b.length < SIGNATURE.length || !Arrays.equals(b, 0, SIGNATURE.length, SIGNATURE, 0,
                SIGNATURE.length)) {
            throw new DataLoadException(file + ": not a PNG file (it does not start with the PNG signature "
                    + "89 50 4E 47 0D 0A 1A 0A)");
        }
        if (b.length < HEADER_BYTES || !new String(b, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")) {
            throw new DataLoadException(file + ": not a valid PNG file: no IHDR chunk at byte offset 8 (file size "
                    + b.length + ")");
        }
        long width = readInt(b, 16);
        long height = readInt(b, 20);
        int bitDepth = b[24] & 0xFF;
        int colourType = b[25] & 0xFF;
        if (colourType != 0) {
            throw new DataLoadException(file + ": PNG colour type " + colourType + " (" + colourName(colourType)
                    + "); only greyscale PNGs (colour type 0) are read: save the images as greyscale");
        }
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new DataLoadException(file + ": the IHDR chunk declares an image of " + height + "×" + width
                    + " (height×width) pixels");
        }
        if (bitDepth != 1 && bitDepth != 2 && bitDepth != 4 && bitDepth != 8 && bitDepth != 16) {
            throw new DataLoadException(file + ": the IHDR chunk declares bit depth " + bitDepth
                    + "; greyscale PNGs have 1, 2, 4, 8 or 16");
        }
        if (width * height > MAX_PIXELS_PER_IMAGE) {
            throw new DataLoadException(file + ": the PNG header declares " + height + "×" + width
                    + " (height×width) pixels, more than the " + MAX_PIXELS_PER_IMAGE + " (4096×4096) gan4j reads "
                    + "per image; scale the images down");
        }
        checkChunks(file, b);
        return new int[] {(int) height, (int) width};
    }

    /**
     * Walks the chunks to IEND, checking that each is complete and its CRC right: ImageIO
     * ignores CRCs and decodes a truncated file's missing rows as black without a word.
     * Bytes after IEND are ignored, as PNG decoders do.
     */
    private static void checkChunks(Path file, byte[] b) {
        CRC32 crc = new CRC32();
        int at = SIGNATURE.length;
        while (true) {
            if (b.length - at < 12) {
                throw new DataLoadException(file + ": the PNG file is truncated: it ends at byte offset " + b.length
                        + " before its IEND chunk");
            }
            long length = readInt(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > b.length - at - 12L) {
                throw new DataLoadException(file + ": the PNG file is truncated: chunk " + type + " at byte offset "
                        + at + " declares " + length + " data bytes, but the file ends after "
                        + Math.max(0, b.length - at - 8) + " (file size " + b.length + ")");
            }
            int end = at + 8 + (int) length;
            crc.reset();
            crc.update(b, at + 4, 4 + (int) length);
            if (crc.getValue() != readInt(b, end)) {
                throw new DataLoadException(file + ": the PNG file is corrupt: chunk " + type + " at byte offset " + at
                        + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            at = end + 4;
        }
    }

    private static long readInt(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    private static String colourName(int type) {
        return switch (type) {
            case 2 -> "RGB";
            case 3 -> "palette";
            case 4 -> "greyscale with alpha";
            case 6 -> "RGB with alpha";
            default -> "not a PNG colour type";
        };
    }

    /** Decodes {@code bytes} into {@code dst[offset ..]} as 0..255 values. */
    private static void decode(Path file, byte[] bytes, float[] dst, int offset, int height, int width, int[] row) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data as IIOException, and some malformed chunks as runtime exceptions
            throw new DataLoadException(file + ": cannot decode the PNG: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataLoadException(file + ": cannot decode the PNG: no PNG reader in this Java runtime");
        }
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1) {
            // e.g. a greyscale PNG with a tRNS chunk, which ImageIO decodes with an alpha band
            throw new DataLoadException(file + ": decodes to " + raster.getNumBands() + " bands (a transparency "
                    + "chunk?); expected one grey band");
        }
        if (raster.getHeight() != height || raster.getWidth() != width) {
            throw new DataLoadException(file + ": decodes to " + raster.getHeight() + "×" + raster.getWidth()
                    + " pixels but its header says " + height + "×" + width);
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        float scale = 255f / ((1 << bits) - 1);
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            int base = offset + y * width;
            for (int x = 0; x < width; x++) {
                dst[base + x] = row[x] * scale;
            }
        }
    }
}
