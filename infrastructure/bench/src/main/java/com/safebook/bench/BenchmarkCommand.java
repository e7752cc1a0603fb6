package com.safebook.bench;

import com.safebook.bench.report.MarkdownReport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command line, against a local stack already running (cold-start.sh starts one). It
 * prints its progress on standard error and the results, as Markdown, on standard output and into
 * {@code --out}. The only class of the harness that prints.
 */
public final class BenchmarkCommand {
    static final String USAGE = """
            Usage: java -cp <harness class path> com.safebook.bench.BenchmarkCommand [options]
              --api URL          the running local stack's API (default http://127.0.0.1:3000)
              --root DIR         the repository: template.yaml and the built jars (default .)
              --functions LIST   comma-separated, of booking,consent,erasure,staff,audit,retention (default all)
              --samples N        cold starts per function and variant (default 20)
              --warm N           timed warm invocations per workload; 0 skips them (default 1000)
              --aot              also cold-start every function with an AOT cache trained for it
              --no-cost          skip the cost per booking
              --shapes N         transactions of each shape timed against the stack's DynamoDB; 0 skips them (default 1000)
              --out FILE         where the Markdown goes too (default infrastructure/bench/target/bench-results.md)
              --runtime DIR      the Lambda runtime's jars (default infrastructure/bench/target/lambda-runtime)
              --work DIR         logs, caches, probe files (default infrastructure/bench/target/bench-work)
              --reported-command TEXT   the command shown in the results (cold-start.sh passes its own)
            """;

    private BenchmarkCommand() {}

    public static void main(String[] args) throws IOException {
        Arguments arguments;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(USAGE);
                return;
            }
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        var results = new Benchmark(arguments.options(), BenchmarkCommand::progress).run();
        var markdown = MarkdownReport.render(results, arguments.reportedCommand());
        Files.createDirectories(arguments.output().toAbsolutePath().getParent());
        Files.writeString(arguments.output(), markdown, StandardCharsets.UTF_8);
        var samples = arguments.output().resolveSibling("bench-cold-samples.csv");
        Files.writeString(samples, results.coldSamplesCsv(), StandardCharsets.UTF_8);
        System.out.print(markdown);
        progress("Results written to " + arguments.output() + ", every cold start to " + samples);
    }

    private static void progress(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
    }

    record Arguments(Benchmark.Options options, Path output, String reportedCommand) {
        static Arguments parse(String[] args) {
            var root = Path.of(".");
            var api = URI.create("http://127.0.0.1:3000");
            Path runtime = null;
            Path work = null;
            Path out = null;
            List<String> functions = List.copyOf(Benchmark.FUNCTIONS.keySet());
            int samples = 20;
            int warm = 1000;
            boolean aot = false;
            boolean cost = true;
            int shapes = 1000;
            String command = "BenchmarkCommand " + String.join(" ", args);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--api" -> api = URI.create(value(args, ++i));
                    case "--root" -> root = Path.of(value(args, ++i));
                    case "--runtime" -> runtime = Path.of(value(args, ++i));
                    case "--work" -> work = Path.of(value(args, ++i));
                    case "--out" -> out = Path.of(value(args, ++i));
                    case "--samples" -> samples = number(args, ++i, 1);
                    case "--warm" -> warm = number(args, ++i, 0);
                    case "--aot" -> aot = true;
                    case "--no-cost" -> cost = false;
                    case "--shapes" -> shapes = number(args, ++i, 0);
                    case "--reported-command" -> command = value(args, ++i);
                    case "--functions" -> {
                        functions = Arrays.stream(value(args, ++i).split(","))
                                .map(String::strip)
                                .filter(f -> !f.isEmpty())
                                .toList();
                        var unknown = new ArrayList<>(functions);
                        unknown.removeAll(Benchmark.FUNCTIONS.keySet());
                        if (!unknown.isEmpty()) {
                            throw new IllegalArgumentException("Unknown functions " + unknown);
                        }
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                }
            }
            var bench = root.resolve("infrastructure/bench/target");
            return new Arguments(
                    new Benchmark.Options(
                            root,
                            api,
                            runtime == null ? bench.resolve("lambda-runtime") : runtime,
                            work == null ? bench.resolve("bench-work") : work,
                            functions,
                            samples,
                            warm,
                            aot,
                            cost,
                            shapes),
                    out == null ? bench.resolve("bench-results.md") : out,
                    command);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int number(String[] args, int i, int min) {
            try {
                int n = Integer.parseInt(value(args, i));
                if (n < min) {
                    throw new IllegalArgumentException(args[i - 1] + " must be at least " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args[i - 1] + " must be a whole number", e);
            }
        }
    }
}
