package dev.gan4j.core.train;

import dev.gan4j.api.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainer's named random streams, each a fork of the experiment's root generator. Their
 * states, by name, are what a checkpoint stores to resume a run bit-exactly, so a name once used
 * must keep its meaning.
 */
final class RandomStreams {

    private final SeededRandom root;
    private final Map<String, SeededRandom> streams = new LinkedHashMap<>();

    RandomStreams(SeededRandom root) {
        this.root = root;
    }

    /** A new stream {@code name}, recorded for checkpoints. */
    SeededRandom stream(String name) {
        SeededRandom r = root.fork(name);
        streams.put(name, r);
        return r;
    }

    /** A stream drawn from only while the trainer is built (so no checkpoint needs its state). */
    SeededRandom once(String name) {
        return root.fork(name);
    }

    Map<String, long[]> states() {
        Map<String, long[]> out = new LinkedHashMap<>();
        streams.forEach((k, v) -> out.put(k, v.state()));
        return out;
    }

    /** @throws IllegalArgumentException naming the streams if one is missing or unknown */
    void restore(Map<String, long[]> states) {
        if (!states.keySet().equals(streams.keySet())) {
            throw new IllegalArgumentException("checkpoint random streams " + states.keySet() + " do not match "
                    + streams.keySet());
        }
        states.forEach((k, v) -> streams.get(k).restore(v));
    }
}
