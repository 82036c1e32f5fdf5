package dev.ddbstreams.localcloud.destinations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.template.DestinationResource;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.trigger.FailureDestination;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local cloud's on-failure destinations, by kind: an SQS queue on the {@link LocalSqs}
 * (started with the first queue), an SNS topic as a {@link SnsTopicFolder} file, an S3 bucket as
 * a folder ({@link S3BucketFolder}). A trigger's destination is a logical id of its template's
 * queue, topic or bucket, or an ARN.
 */
public final class LocalDestinations implements AutoCloseable {

    private final String region;
    private final SnsTopicFolder topics;
    private final Function<String, Path> bucketFolder;
    private LocalSqs sqs;

    /**
     * @param topicFolder where SNS topics' files go
     * @param bucketFolder the folder standing for a bucket, by its local name
     */
    public LocalDestinations(String region, Path topicFolder, Function<String, Path> bucketFolder) {
        this.region = region;
        this.topics = new SnsTopicFolder(topicFolder);
        this.bucketFolder = bucketFolder;
    }

    /** The local SQS, once a deployed template has a queue. */
    public synchronized Optional<LocalSqs> sqs() {
        return Optional.ofNullable(sqs);
    }

    /**
     * Creates the template's queues, and the queues its triggers name by ARN, on the local SQS.
     *
     * @throws IllegalArgumentException if a trigger's destination is neither a queue, topic or bucket
     *     of the template nor an SQS, SNS or S3 ARN (before anything is created)
     */
    public void deploy(Template template) {
        template.functions().forEach(function -> function.triggers().forEach(trigger ->
                trigger.onFailureDestination().ifPresent(destination -> resolve(template, destination))));
        template.destinations().forEach(this::createQueue);
        template.functions().forEach(function -> function.triggers().forEach(trigger ->
                trigger.onFailureDestination().ifPresent(destination -> createQueue(resolve(template, destination)))));
    }

    /** Where the template's triggers send their records: each destination resolved in that template. */
    public FailureDestination forTemplate(Template template) {
        return (destination, record, payload) -> send(resolve(template, destination), record, payload);
    }

    void send(DestinationResource target, InvocationRecord record, ObjectNode payload) {
        switch (target.kind()) {
            case SQS_QUEUE -> startedSqs().send(target.name(), record.toJson().toString());
            case SNS_TOPIC -> topics.publish(target.localName(), target.arn(), record.toJson().toString(),
                    record.timestamp());
            case S3_BUCKET -> S3BucketFolder.write(bucketFolder.apply(target.localName()), record, payload);
        }
    }

    @Override
    public synchronized void close() {
        if (sqs != null) {
            sqs.close();
        }
    }

    private void createQueue(DestinationResource resource) {
        if (resource.kind() == DestinationResource.Kind.SQS_QUEUE) {
            startedSqs().createQueue(resource.name());
        }
    }

    private synchronized LocalSqs startedSqs() {
        if (sqs == null) {
            sqs = LocalSqs.start(region);
        }
        return sqs;
    }

    private static DestinationResource resolve(Template template, String destination) {
        return template.destination(destination).orElseThrow(() -> new IllegalArgumentException(template.file()
                + ": on-failure destination " + destination
                + " is neither a queue, topic or bucket of the template nor an SQS, SNS or S3 ARN"));
    }
}
