package dev.gan4j.core.eval;

/** The sanity anchors on real digits, judged by the convolutional network. */
class MnistCnnJudgeTest extends MnistEvaluationTest {

    @Override
    Judge judge() {
        return Judge.CNN;
    }
}
