package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerType;

/**
 * gan4j's own optimisers, registered in {@code META-INF/services/dev.gan4j.api.OptimizerType}
 * exactly as a user's would be.
 */
public final class BuiltInOptimizerTypes {

    private BuiltInOptimizerTypes() {
    }

    /** {@code "sgd"}: {@link Sgd}. */
    public static final class SgdType implements OptimizerType<SgdConfig> {
        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public Class<SgdConfig> configClass() {
            return SgdConfig.class;
        }

        @Override
        public Optimizer create(SgdConfig config, Backend backend) {
            return config.create(backend);
        }

        /** {@inheritDoc} For SGD: the velocity. */
        @Override
        public int stateTensorsPerParameter(SgdConfig config) {
            return 1;
        }
    }

    /** {@code "adam"}: {@link Adam}. */
    public static final class AdamType implements OptimizerType<AdamConfig> {
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public Class<AdamConfig> configClass() {
            return AdamConfig.class;
        }

        @Override
        public Optimizer create(AdamConfig config, Backend backend) {
            return config.create(backend);
        }

        /** {@inheritDoc} For Adam: the two moments and one scratch tensor. */
        @Override
        public int stateTensorsPerParameter(AdamConfig config) {
            return 3;
        }
    }

    /** {@code "rmsprop"}: {@link RmsProp}. */
    public static final class RmsPropType implements OptimizerType<RmsPropConfig> {
        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public Class<RmsPropConfig> configClass() {
            return RmsPropConfig.class;
        }

        @Override
        public Optimizer create(RmsPropConfig config, Backend backend) {
            return config.create(backend);
        }

        /** {@inheritDoc} For RMSProp: the squared-gradient average and two scratch tensors. */
        @Override
        public int stateTensorsPerParameter(RmsPropConfig config) {
            return 3;
        }
    }
}
