package dev.gan4j.core.eval;

/** The sanity anchors on real digits, judged by the perceptron. */
class MnistMlpJudgeTest extends MnistEvaluationTest {

    @Override
    Judge judge() {
        return Judge.MLP;
    }
}
