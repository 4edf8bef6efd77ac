package dev.gan4j.core.train;

/** The sums behind one iteration's {@link IterationStats}: D's losses and its scores on real and fake samples. */
final class IterationMetrics {

    private double dLossSum;
    private int dLossCount;
    private double realScoreSum;
    private int realScoreCount;
    private double fakeScoreSum;
    private int fakeScoreCount;

    void reset() {
        dLossSum = 0;
        dLossCount = 0;
        realScoreSum = 0;
        realScoreCount = 0;
        fakeScoreSum = 0;
        fakeScoreCount = 0;
    }

    /** The loss of one D optimiser step (both halves of an unmixed one, already added). */
    void addDiscriminatorLoss(double loss) {
        dLossSum += loss;
        dLossCount++;
    }

    void addScore(boolean real, double score) {
        if (real) {
            realScoreSum += score;
            realScoreCount++;
        } else {
            fakeScoreSum += score;
            fakeScoreCount++;
        }
    }

    IterationStats stats(int iteration, double gLoss, double seconds) {
        return new IterationStats(iteration, dLossSum / dLossCount, gLoss, realScoreSum / realScoreCount,
                fakeScoreSum / fakeScoreCount, seconds);
    }
}
