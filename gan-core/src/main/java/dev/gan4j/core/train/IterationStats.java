package dev.gan4j.core.train;

/**
 * Figures of one training iteration.
 *
 * @param iteration 1-based iteration number
 * @param dLoss mean discriminator loss over the iteration's D steps (real + fake parts)
 * @param gLoss mean generator loss over the iteration's G mini-batches
 * @param dReal mean discriminator score on real samples ({@link dev.gan4j.api.GanLoss#score})
 * @param dFake mean discriminator score on generated samples
 * @param seconds wall-clock seconds the iteration took
 */
public record IterationStats(int iteration, double dLoss, double gLoss, double dReal, double dFake, double seconds) {
}
