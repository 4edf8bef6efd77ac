package dev.gan4j.core.run;

import dev.gan4j.core.train.IterationStats;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a training run ended.
 *
 * @param directory where it was written
 * @param iterations iterations completed
 * @param completed whether all configured iterations ran (false after a stop request or a
 *     divergence)
 * @param elapsed wall-clock time of the training loop
 * @param last the last iteration's figures, or {@code null} if none ran
 * @param state how it ended: finished, interrupted, or diverged
 * @param message why it stopped early (a divergence), or empty
 * @param firstIteration iterations already done when this session began (0, or the checkpoint a
 *     resumed run continued from)
 */
public record RunResult(Path directory, int iterations, boolean completed, Duration elapsed, IterationStats last,
        RunStatus.State state, String message, int firstIteration) {
}
