package com.safebook.local.streams;

import com.safebook.local.template.SamTemplate;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Retention, locally: the TTL sweeper every {@code --ttl-sweep-seconds}, and the streams read every
 * second into the functions that subscribe to them, on one background thread.
 */
public final class LocalRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRetention.class);
    private static final long POLL_MILLIS = 1000;

    private final TtlSweeper sweeper;
    private final StreamPoller poller;
    private final DynamoDbStreamsClient streams;
    private final ScheduledExecutorService scheduler;

    private LocalRetention(TtlSweeper sweeper, StreamPoller poller, DynamoDbStreamsClient streams) {
        this.sweeper = sweeper;
        this.poller = poller;
        this.streams = streams;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "safebook-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param dynamoDbLocal DynamoDB Local's own endpoint: it answers the streams API, which the AWS
     *     endpoint does not pass through
     */
    public static LocalRetention start(
            DynamoDbClient dynamoDb,
            String dynamoDbLocal,
            String region,
            SamTemplate template,
            Clock clock,
            int sweepSeconds) {
        var streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoDbLocal))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        var deletions = new TtlDeletions();
        var retention = new LocalRetention(
                new TtlSweeper(dynamoDb, template, deletions, clock),
                new StreamPoller(dynamoDb, streams, template, deletions),
                streams);
        if (sweepSeconds > 0) {
            retention.scheduler.scheduleWithFixedDelay(
                    () -> retention.quietly(retention.sweeper::sweep), sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
        }
        if (retention.poller.hasMappings()) {
            retention.scheduler.scheduleWithFixedDelay(
                    () -> retention.quietly(retention.poller::poll), POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return retention;
    }

    /** Deletes what has expired, then delivers the streams' records; returns how many items expired. */
    public int sweepNow() {
        int deleted = sweeper.sweep();
        poller.poll();
        return deleted;
    }

    /** Delivers the streams' records now. */
    public int pollNow() {
        return poller.poll();
    }

    private void quietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (scheduler.isShutdown()) {
                return; // interrupted by close()
            }
            LOG.warn("Local retention: {}", e.getClass().getName());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
    }
}
