package dev.gan4j.core.config;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GanLoss;
import dev.gan4j.api.LearningRateSchedule;
import dev.gan4j.api.LossConfig;
import dev.gan4j.api.LossType;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.OptimizerType;
import dev.gan4j.api.ScheduleConfig;
import dev.gan4j.api.ScheduleType;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.registry.TypeRegistry;
import dev.gan4j.core.train.ScheduledOptimizer;

/**
 * Every {@code "type"} an experiment can name: layers, optimisers, losses and learning-rate
 * schedules, gan-core's own and a user's alike (all registered through {@code META-INF/services}),
 * and what turns their configurations into objects.
 *
 * @param layers layer types
 * @param optimizers optimiser types ({@code "optimizers"})
 * @param losses loss types ({@code "loss"})
 * @param schedules learning-rate schedule types (an optimiser's {@code "schedule"})
 */
public record TypeRegistries(LayerRegistry layers, TypeRegistry<OptimizerType<?>> optimizers,
        TypeRegistry<LossType<?>> losses, TypeRegistry<ScheduleType<?>> schedules) {

    /** Every type registered on the context class loader (or gan-core's). */
    public static TypeRegistries discover() {
        return discover(TypeRegistry.defaultLoader(TypeRegistries.class));
    }

    /** Every type registered on {@code loader}. */
    public static TypeRegistries discover(ClassLoader loader) {
        return new TypeRegistries(LayerRegistry.discover(loader),
                TypeRegistry.discover(OptimizerType.class, loader, "optimizer type", OptimizerType::name,
                        OptimizerType::configClass),
                TypeRegistry.discover(LossType.class, loader, "loss type", LossType::name, LossType::configClass),
                TypeRegistry.discover(ScheduleType.class, loader, "schedule type", ScheduleType::name,
                        ScheduleType::configClass));
    }

    /** These registries with the layer types of {@code layers}. */
    public TypeRegistries withLayers(LayerRegistry layers) {
        return new TypeRegistries(layers, optimizers, losses, schedules);
    }

    /**
     * A new optimiser with empty state for {@code config}.
     *
     * @throws IllegalArgumentException if no registered type owns {@code config}'s class
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optimizer optimizer(OptimizerConfig config, Backend backend) {
        return ((OptimizerType) optimizers.owner(config)).create(config, backend);
    }

    /** How many parameter-sized tensors the optimiser {@code config} describes keeps per parameter. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int stateTensorsPerParameter(OptimizerConfig config) {
        return ((OptimizerType) optimizers.owner(config)).stateTensorsPerParameter(config);
    }

    /** Lets the optimiser's type check {@code config} against the training ({@link OptimizerType#validate}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void validate(OptimizerConfig config, TrainingSetup setup) {
        ((OptimizerType) optimizers.owner(config)).validate(config, setup);
    }

    /** Lets the loss's type check {@code config} against the training ({@link LossType#validate}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void validate(LossConfig config, TrainingSetup setup) {
        ((LossType) losses.owner(config)).validate(config, setup);
    }

    /** The loss {@code config} describes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public GanLoss loss(LossConfig config) {
        return ((LossType) losses.owner(config)).create(config);
    }

    /** The learning-rate schedule {@code config} describes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public LearningRateSchedule schedule(ScheduleConfig config) {
        return ((ScheduleType) schedules.owner(config)).create(config);
    }

    /** A fresh optimiser for {@code config}, with its schedule. */
    public ScheduledOptimizer scheduledOptimizer(ScheduledOptimizerConfig config, Backend backend) {
        return new ScheduledOptimizer(optimizer(config.optimizer(), backend), schedule(config.schedule()));
    }
}
