package com.safebook.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A global SDK interceptor for the cost run: asks DynamoDB for the capacity every request consumes
 * ({@code ReturnConsumedCapacity=INDEXES}) and appends one line per AWS call to the file named by the
 * system property {@value #LOG_PROPERTY}: service, operation, items written (a transaction's count) and
 * capacity units (table and indexes). Without the property it changes nothing. With
 * {@value #TRANSACTIONS_PROPERTY} it also keeps each {@code TransactWriteItems} request's body.
 *
 * <p>It reaches a function without a change to the function: the harness puts it, with the SDK's
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} file naming it, on the class
 * path of the cost run only. So it uses nothing but the JDK and the SDK, which every function jar has.
 */
public final class CapacityRecorder implements ExecutionInterceptor {
    public static final String LOG_PROPERTY = "safebook.bench.probe.log";

    /**
     * The system property naming the file that gets every {@code TransactWriteItems} request as sent,
     * its JSON body on a line of its own, for the harness to replay as the warm reference.
     */
    public static final String TRANSACTIONS_PROPERTY = "safebook.bench.probe.transactions";

    private final Path log;
    private final Path transactions;

    /** As the SDK creates it: the log and the transactions file from the system properties, or none. */
    public CapacityRecorder() {
        this(System.getProperty(LOG_PROPERTY), System.getProperty(TRANSACTIONS_PROPERTY));
    }

    public CapacityRecorder(String log) {
        this(log, null);
    }

    public CapacityRecorder(String log, String transactions) {
        this.log = log == null || log.isBlank() ? null : Path.of(log);
        this.transactions = transactions == null || transactions.isBlank() ? null : Path.of(transactions);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        var request = context.request();
        if (log == null) {
            return request;
        }
        for (var field : request.sdkFields()) {
            if (field.memberName().equals("ReturnConsumedCapacity")) {
                var builder = request.toBuilder();
                field.set(builder, "INDEXES");
                return builder.build();
            }
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (log == null) {
            return;
        }
        var line = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "\t"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + "\t"
                + items(context.request()) + "\t"
                + units(context.response()) + "\n";
        append(log, line);
        if (transactions != null
                && "TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            context.requestBody().ifPresent(body -> append(transactions, body(body) + "\n"));
        }
    }

    /** The body as sent: the SDK's JSON, on one line. */
    private static String body(RequestBody body) {
        try (var in = body.contentStreamProvider().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The capacity probe cannot read a request body", e);
        }
    }

    private static void append(Path file, String line) {
        synchronized (CapacityRecorder.class) {
            try {
                Files.writeString(
                        file,
                        line,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("The capacity probe cannot write " + file, e);
            }
        }
    }

    /** A transaction's or batch's item count; 1 for everything else. */
    private static int items(SdkRequest request) {
        for (var field : request.sdkFields()) {
            if (field.memberName().equals("TransactItems")
                    && field.getValueOrDefault(request) instanceof List<?> list) {
                return list.size();
            }
        }
        return 1;
    }

    /** The capacity units of all tables and indexes the response reports, 0 for none. */
    private static double units(SdkResponse response) {
        double units = 0;
        for (var field : response.sdkFields()) {
            if (field.memberName().equals("ConsumedCapacity")) {
                var value = field.getValueOrDefault(response);
                if (value instanceof List<?> list) {
                    for (var entry : list) {
                        units += capacityUnits(entry);
                    }
                } else if (value != null) {
                    units += capacityUnits(value);
                }
            }
        }
        return units;
    }

    /** {@code CapacityUnits} of one {@code ConsumedCapacity}, read by name so that nothing else is needed. */
    private static double capacityUnits(Object consumed) {
        if (consumed instanceof SdkPojo pojo) {
            for (var field : pojo.sdkFields()) {
                if (field.memberName().equals("CapacityUnits")
                        && field.getValueOrDefault(consumed) instanceof Double units) {
                    return units;
                }
            }
        }
        return 0;
    }
}
