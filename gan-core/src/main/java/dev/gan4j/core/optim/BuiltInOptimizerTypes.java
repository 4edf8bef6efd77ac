package dev.gan4j.core.optim;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.OptimizerType;
import dev.gan4j.core.registry.RegisteredType;
import java.util.function.BiFunction;

/**
 * gan4j's own optimisers, registered in {@code META-INF/services/dev.gan4j.api.OptimizerType}
 * exactly as a user's would be.
 */
public final class BuiltInOptimizerTypes {

    private BuiltInOptimizerTypes() {
    }

    /** An optimiser whose state is a fixed number of parameter-sized tensors. */
    private abstract static class BuiltIn<C extends OptimizerConfig> extends RegisteredType<C>
            implements OptimizerType<C> {
        private final BiFunction<Backend, C, Optimizer> factory;
        private final int stateTensors;

        BuiltIn(String name, Class<C> configClass, BiFunction<Backend, C, Optimizer> factory, int stateTensors) {
            super(name, configClass);
            this.factory = factory;
            this.stateTensors = stateTensors;
        }

        @Override
        public final Optimizer create(C config, Backend backend) {
            return factory.apply(backend, config);
        }

        @Override
        public final int stateTensorsPerParameter(C config) {
            return stateTensors;
        }
    }

    /** {@code "sgd"}: {@link Sgd}, keeping the velocity. */
    public static final class SgdType extends BuiltIn<SgdConfig> {
        public SgdType() {
            super("sgd", SgdConfig.class, Sgd::new, 1);
        }
    }

    /** {@code "adam"}: {@link Adam}, keeping the two moments and one scratch tensor. */
    public static final class AdamType extends BuiltIn<AdamConfig> {
        public AdamType() {
            super("adam", AdamConfig.class, Adam::new, 3);
        }
    }

    /** {@code "rmsprop"}: {@link RmsProp}, keeping the squared-gradient average and two scratch tensors. */
    public static final class RmsPropType extends BuiltIn<RmsPropConfig> {
        public RmsPropType() {
            super("rmsprop", RmsPropConfig.class, RmsProp::new, 3);
        }
    }
}
