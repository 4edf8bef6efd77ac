package dev.gan4j.core.nn;

import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.api.UnaryOp;
import java.util.function.ToDoubleFunction;

/** The {@link LayerType}s gan-core registers through {@code META-INF/services}. */
public final class BuiltInLayerTypes {
    private BuiltInLayerTypes() {
    }

    /** {@code "dense"}. */
    public static final class DenseType implements LayerType<DenseConfig> {
        @Override
        public String name() {
            return "dense";
        }

        @Override
        public Class<DenseConfig> configClass() {
            return DenseConfig.class;
        }

        @Override
        public Layer create(DenseConfig config, LayerContext context) {
            return new Dense(context, config.units(), config.bias(), config.init(),
                    config.activation() == null ? null : config.activation().op(), config.activationParameter());
        }
    }

    /** {@code "dropout"}. */
    public static final class DropoutType implements LayerType<DropoutConfig> {
        @Override
        public String name() {
            return "dropout";
        }

        @Override
        public Class<DropoutConfig> configClass() {
            return DropoutConfig.class;
        }

        @Override
        public Layer create(DropoutConfig config, LayerContext context) {
            return new Dropout(context.backend(), context.id(), config.rate(), context.inputShape());
        }
    }

    /** {@code "batch-norm"}. */
    public static final class BatchNormType implements LayerType<BatchNormConfig> {
        @Override
        public String name() {
            return "batch-norm";
        }

        @Override
        public Class<BatchNormConfig> configClass() {
            return BatchNormConfig.class;
        }

        @Override
        public Layer create(BatchNormConfig config, LayerContext context) {
            return new BatchNorm(context.backend(), context.id(), context.inputShape(), config.momentum(),
                    config.epsilon());
        }
    }

    /** {@code "label-embedding"}. */
    public static final class LabelEmbeddingType implements LayerType<LabelEmbeddingConfig> {
        @Override
        public String name() {
            return "label-embedding";
        }

        @Override
        public Class<LabelEmbeddingConfig> configClass() {
            return LabelEmbeddingConfig.class;
        }

        @Override
        public Layer create(LabelEmbeddingConfig config, LayerContext context) {
            return new LabelEmbedding(context, config.classes(), config.dim());
        }
    }

    /** {@code "conv2d"}. */
    public static final class Conv2dType implements LayerType<Conv2dConfig> {
        @Override
        public String name() {
            return "conv2d";
        }

        @Override
        public Class<Conv2dConfig> configClass() {
            return Conv2dConfig.class;
        }

        @Override
        public Layer create(Conv2dConfig config, LayerContext context) {
            return new Conv2d(context, config.filters(), config.kernel(), config.stride(), config.padding(),
                    config.bias(), config.init());
        }
    }

    /** {@code "conv-transpose2d"}. */
    public static final class ConvTranspose2dType implements LayerType<ConvTranspose2dConfig> {
        @Override
        public String name() {
            return "conv-transpose2d";
        }

        @Override
        public Class<ConvTranspose2dConfig> configClass() {
            return ConvTranspose2dConfig.class;
        }

        @Override
        public Layer create(ConvTranspose2dConfig config, LayerContext context) {
            return new ConvTranspose2d(context, config.filters(), config.kernel(), config.stride(), config.padding(),
                    config.outputPadding(), config.bias(), config.init());
        }
    }

    /** {@code "reshape"}. */
    public static final class ReshapeType implements LayerType<ReshapeConfig> {
        @Override
        public String name() {
            return "reshape";
        }

        @Override
        public Class<ReshapeConfig> configClass() {
            return ReshapeConfig.class;
        }

        @Override
        public Layer create(ReshapeConfig config, LayerContext context) {
            return new Reshape(context.inputShape(), config.dimensions());
        }
    }

    /** {@code "flatten"}. */
    public static final class FlattenType implements LayerType<FlattenConfig> {
        @Override
        public String name() {
            return "flatten";
        }

        @Override
        public Class<FlattenConfig> configClass() {
            return FlattenConfig.class;
        }

        @Override
        public Layer create(FlattenConfig config, LayerContext context) {
            return Reshape.flatten(context.inputShape());
        }
    }

    /** {@code "batch-norm2d"}. */
    public static final class BatchNorm2dType implements LayerType<BatchNorm2dConfig> {
        @Override
        public String name() {
            return "batch-norm2d";
        }

        @Override
        public Class<BatchNorm2dConfig> configClass() {
            return BatchNorm2dConfig.class;
        }

        @Override
        public Layer create(BatchNorm2dConfig config, LayerContext context) {
            return new BatchNorm2d(context.backend(), context.id(), context.inputShape(), config.momentum(),
                    config.epsilon());
        }
    }

    /** {@code "label-channels"}. */
    public static final class LabelChannelsType implements LayerType<LabelChannelsConfig> {
        @Override
        public String name() {
            return "label-channels";
        }

        @Override
        public Class<LabelChannelsConfig> configClass() {
            return LabelChannelsConfig.class;
        }

        @Override
        public Layer create(LabelChannelsConfig config, LayerContext context) {
            return new LabelChannels(context, config.classes(), config.image());
        }

        /** The labels must be there: a conditional GAN of as many classes. */
        @Override
        public void validate(LabelChannelsConfig config, int[] inputShape, TrainingSetup setup) {
            if (setup.classCount() != config.classes()) {
                throw new IllegalArgumentException(setup.classCount() == 0
                        ? "the " + setup.network() + " gets no labels: label-channels needs \"conditioning\": "
                                + "\"one-hot\""
                        : "classes " + config.classes() + " but the data has " + setup.classCount() + " classes");
            }
        }
    }

    /** {@code "upsample"}. */
    public static final class UpsampleType implements LayerType<UpsampleConfig> {
        @Override
        public String name() {
            return "upsample";
        }

        @Override
        public Class<UpsampleConfig> configClass() {
            return UpsampleConfig.class;
        }

        @Override
        public Layer create(UpsampleConfig config, LayerContext context) {
            return new Upsample(context, config.factor());
        }
    }

    /** {@code "avg-pool2d"}. */
    public static final class AvgPool2dType implements LayerType<AvgPool2dConfig> {
        @Override
        public String name() {
            return "avg-pool2d";
        }

        @Override
        public Class<AvgPool2dConfig> configClass() {
            return AvgPool2dConfig.class;
        }

        @Override
        public Layer create(AvgPool2dConfig config, LayerContext context) {
            return new AvgPool2d(context, config.kernel(), config.stride(), config.padding());
        }
    }

    /** {@code "random-translate"}. */
    public static final class RandomTranslateType implements LayerType<RandomTranslateConfig> {
        @Override
        public String name() {
            return "random-translate";
        }

        @Override
        public Class<RandomTranslateConfig> configClass() {
            return RandomTranslateConfig.class;
        }

        @Override
        public Layer create(RandomTranslateConfig config, LayerContext context) {
            return new RandomTranslate(context, config.fraction(), config.cutout());
        }
    }

    /** {@code "minibatch-stddev"}. */
    public static final class MinibatchStdDevType implements LayerType<MinibatchStdDevConfig> {
        @Override
        public String name() {
            return "minibatch-stddev";
        }

        @Override
        public Class<MinibatchStdDevConfig> configClass() {
            return MinibatchStdDevConfig.class;
        }

        @Override
        public Layer create(MinibatchStdDevConfig config, LayerContext context) {
            return new MinibatchStdDev(context.backend(), context.id(), context.inputShape(), config.groupSize());
        }

        /**
         * Every batch D sees (the mini-batch, and the generator's samples per iteration) must split
         * into whole groups: refused here rather than at the first step of training.
         */
        @Override
        public void validate(MinibatchStdDevConfig config, int[] inputShape, TrainingSetup setup) {
            MinibatchStdDev.outputShape("minibatch-stddev", inputShape);
            MinibatchStdDev.groupOf(config.groupSize(), setup.batchSize(), "the batch size");
            MinibatchStdDev.groupOf(config.groupSize(), setup.samplesPerIteration(), "samplesPerIteration");
        }
    }

    /** Shared shape of the activation types: a name, a config record, an op and its parameter. */
    abstract static class ActivationType<C extends LayerConfig> implements LayerType<C> {
        private final String name;
        private final Class<C> configClass;
        private final UnaryOp op;
        private final ToDoubleFunction<C> parameter;

        ActivationType(String name, Class<C> configClass, UnaryOp op, ToDoubleFunction<C> parameter) {
            this.name = name;
            this.configClass = configClass;
            this.op = op;
            this.parameter = parameter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<C> configClass() {
            return configClass;
        }

        @Override
        public Layer create(C config, LayerContext context) {
            return new Activation(context.backend(), op, (float) parameter.applyAsDouble(config), context.inputShape());
        }
    }

    /** {@code "sigmoid"}. */
    public static final class SigmoidType extends ActivationType<ActivationConfigs.Sigmoid> {
        public SigmoidType() {
            super("sigmoid", ActivationConfigs.Sigmoid.class, UnaryOp.SIGMOID, c -> 0);
        }
    }

    /** {@code "tanh"}. */
    public static final class TanhType extends ActivationType<ActivationConfigs.Tanh> {
        public TanhType() {
            super("tanh", ActivationConfigs.Tanh.class, UnaryOp.TANH, c -> 0);
        }
    }

    /** {@code "relu"}. */
    public static final class ReluType extends ActivationType<ActivationConfigs.Relu> {
        public ReluType() {
            super("relu", ActivationConfigs.Relu.class, UnaryOp.RELU, c -> 0);
        }
    }

    /** {@code "leaky-relu"}. */
    public static final class LeakyReluType extends ActivationType<ActivationConfigs.LeakyRelu> {
        public LeakyReluType() {
            super("leaky-relu", ActivationConfigs.LeakyRelu.class, UnaryOp.LEAKY_RELU, ActivationConfigs.LeakyRelu::slope);
        }
    }
}
