package dev.gan4j.core.nn;

/**
 * A network's layers do not fit together, or do not fit the data: a layer that rejects its input
 * shape, a generator whose output is not a sample, a discriminator that does not end in one score.
 * Names the network ({@code "generator"} or {@code "discriminator"}, as in an experiment's JSON)
 * and the index of the layer to change, so the error can point at {@code $.generator[2]}.
 */
public final class ModelShapeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String network;
    private final int layer;

    /**
     * @param network {@code "generator"}, {@code "discriminator"}, or {@code null} when not yet known
     * @param layer index of the offending layer, or -1 when the network as a whole is at fault
     * @param problem what is wrong, with the expected and actual shapes
     */
    public ModelShapeException(String network, int layer, String problem) {
        this(network, layer, problem, null);
    }

    /** As {@link #ModelShapeException(String, int, String)}, keeping {@code cause}. */
    public ModelShapeException(String network, int layer, String problem, Throwable cause) {
        super(problem, cause);
        this.network = network;
        this.layer = layer;
    }

    /** {@code "generator"}, {@code "discriminator"} or {@code null}. */
    public String network() {
        return network;
    }

    /** The offending layer's index, or -1 for the network as a whole. */
    public int layer() {
        return layer;
    }

    /** The JSON path of the offending layer, e.g. {@code $.generator[2]}, or {@code null} without a network. */
    public String jsonPath() {
        if (network == null) {
            return null;
        }
        return "$." + network + (layer >= 0 ? "[" + layer + "]" : "");
    }

    /** This problem, attributed to {@code name}'s layers. */
    public ModelShapeException inNetwork(String name) {
        ModelShapeException e = new ModelShapeException(name, layer, getMessage(), getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
