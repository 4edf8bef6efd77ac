package dev.gan4j.core.run;

import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.IterationStats;
import java.io.IOException;
import java.nio.file.Path;

/** Draws the preview grid every {@code output.sampleEvery} iterations and as {@code final.png} at the end. */
final class SampleWriter implements RunListener {

    /** Writes the preview grid (the same noise every time) to a file. */
    @FunctionalInterface
    interface PreviewWriter {
        void write(Path file) throws IOException;
    }

    private final RunDirectory dir;
    private final PreviewWriter previews;
    private final int every;

    SampleWriter(RunRecord run, PreviewWriter previews) {
        this.dir = run.dir();
        this.previews = previews;
        this.every = run.experiment().config().output().sampleEvery();
    }

    @Override
    public boolean onIteration(AdversarialTrainer trainer, IterationStats stats) throws IOException {
        if (every > 0 && stats.iteration() % every == 0) {
            previews.write(dir.sample(stats.iteration()));
        }
        return true;
    }

    @Override
    public boolean onFinish(AdversarialTrainer trainer, int iteration) throws IOException {
        previews.write(dir.finalImage());
        return true;
    }
}
