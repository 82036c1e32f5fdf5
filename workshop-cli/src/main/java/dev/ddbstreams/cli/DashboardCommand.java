package dev.ddbstreams.cli;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./workshop dashboard}: the aggregation template deployed on a local cloud (the exact and
 * the naive counter running on the votes stream) and its dashboard function served on
 * {@code http://localhost:PORT}, as its function URL would serve it on AWS, with the triggers'
 * state beside it for the comparison page ({@link LocalDashboard}); optionally casting random
 * votes to watch. Runs until Ctrl-C.
 */
@Command(name = "dashboard",
        description = {
            "Runs the live vote dashboard locally: deploys aggregation/template.yaml on an in-process "
                    + "DynamoDB Local and serves the function it gives a function URL (FunctionUrlConfig) "
                    + "on http://localhost:PORT until Ctrl-C (on 127.0.0.1 only unless --bind says otherwise).",
            "PORT/compare shows the exact and the naive totals beside a recount, and each trigger's iterator age, "
                    + "retries, errors, duplicate deliveries and quarantined records: with --faults "
                    + "'*=duplicate=0.3' the naive totals drift above the recount while the exact ones hold.",
            "With --votes N it also casts N random votes (--rate a second), so the totals move."})
final class DashboardCommand extends WorkshopCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port for the dashboard (default: ${DEFAULT-VALUE}; 0 = a free one).")
    int port;

    @Option(names = "--votes", paramLabel = "N", defaultValue = "0",
            description = "Random votes to cast while it runs (default: ${DEFAULT-VALUE}).")
    int votes;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "5",
            description = "Votes cast a second with --votes (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "aggregation/template.yaml",
            description = "The template to deploy (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--duration", paramLabel = "SECONDS", hidden = true,
            description = "Stop after this many seconds instead of at Ctrl-C (for tests and scripts).")
    Integer durationSeconds;

    @Mixin
    FaultOptions faults;

    @Mixin
    BindOptions bind;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(template)) {
            throw new ParameterException(spec.commandLine(), "template not found: " + template);
        }
        if (votes < 0 || rate <= 0 || port < 0 || durationSeconds != null && durationSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--votes, --port and --duration must not be negative and --rate must be positive");
        }
        urlFunction(template); // fails fast, before the local cloud starts, on a template without one dashboard
        PrintWriter out = spec.commandLine().getOut();
        LocalCloud.Builder builder = LocalCloud.builder().bindAddress(bind.address());
        faults.applyTo(builder);
        try (LocalCloud cloud = builder.start()) {
            LocalCloud.Deployment deployment = cloud.deploy(template, ServeCommand.stackName(template),
                    LocalDashboard.parameters(template));
            try (LocalDashboard dashboard = startDashboard(cloud, deployment);
                    DashboardVoteWriter writer = new DashboardVoteWriter(cloud.dynamoDb().dynamoDbClient(),
                            dashboard.votesTable(), votes, new SplittableRandom(), InstantSource.system())) {
                out.printf("Deployed %s on DynamoDB Local %s (in memory): triggers %s%n", template,
                        cloud.dynamoDb().endpoint(), deployment.triggers().size());
                out.printf("Dashboard: %s%n", dashboard.url());
                out.printf("Exact vs naive counts, with the triggers' state: %s%n", dashboard.compareUrl());
                if (votes > 0) {
                    out.printf("Casting %d random votes into %s, %s a second.%n", votes, dashboard.votesTable(), rate);
                }
                out.println(durationSeconds == null ? "Ctrl-C stops it." : "Stops after " + durationSeconds + " s.");
                out.flush();
                writer.start(rate);
                awaitStop();
                out.printf("%d votes cast%s.%n", writer.written(),
                        writer.failed() > 0 ? ", " + writer.failed() + " failed" : "");
            }
        }
        return 0;
    }

    /**
     * The logical id of the one function the template serves on a function URL: the dashboard, read
     * from the template as AWS reads it, so the command names no function of its own.
     */
    static String urlFunction(Path template) {
        TemplateDocument document = TemplateDocument.load(template);
        List<String> served = document.resources().keySet().stream()
                .filter(logicalId -> document.properties(logicalId).containsKey("FunctionUrlConfig")).toList();
        if (served.size() != 1) {
            throw new UserError(template + " must give exactly one function a FunctionUrlConfig; it gives "
                    + (served.isEmpty() ? "none" : served));
        }
        return served.get(0);
    }

    private LocalDashboard startDashboard(LocalCloud cloud, LocalCloud.Deployment deployment) {
        try {
            return LocalDashboard.start(cloud, deployment, bind.address(), port);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage() + " (choose another with --port)", e);
        }
    }

    private void awaitStop() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (durationSeconds == null) {
                stopped.await();
            } else {
                stopped.await(durationSeconds, TimeUnit.SECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already running its hooks.
            }
        }
    }
}
