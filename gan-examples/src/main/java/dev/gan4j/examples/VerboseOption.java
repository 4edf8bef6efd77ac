package dev.gan4j.examples;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}, shared by every subcommand. */
final class VerboseOption {

    /** The names {@link GanCli#main} looks for before any logger exists. */
    static final String[] NAMES = {"-v", "--verbose"};

    @Option(names = {"-v", "--verbose"}, description = "Log progress details and print stack traces of errors.")
    boolean verbose;
}
