package dev.gan4j.mnist;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsing and resolution of download mirror URLs. */
final class Mirrors {

    private Mirrors() {
    }

    /** Throws unless {@code mirror} is an absolute http or https URL. */
    static URI requireHttp(URI mirror) {
        String scheme = mirror.getScheme() == null ? "" : mirror.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || mirror.getHost() == null) {
            throw new IllegalArgumentException("mirror must be an http or https URL, got '" + mirror + "'");
        }
        return mirror;
    }

    /** Parses a comma- or whitespace-separated list of mirror URLs, e.g. an environment variable. */
    static List<URI> parse(String list, String origin) {
        List<URI> out = new ArrayList<>();
        for (String part : list.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(requireHttp(new URI(part)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": '" + part + "' is not an http or https URL");
            }
        }
        return out;
    }

    /** The URL of {@code fileName} under {@code mirror} (a trailing slash is optional). */
    static URI resolve(URI mirror, String fileName) {
        String base = mirror.toString();
        return URI.create(base.endsWith("/") ? base + fileName : base + "/" + fileName);
    }
}
