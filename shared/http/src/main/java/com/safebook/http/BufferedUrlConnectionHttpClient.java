package com.safebook.http;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The SDK's URL-connection client, sending each request's body from a buffer instead of streaming
 * it.
 *
 * <p>The SDK's client puts the JDK's {@code HttpURLConnection} in fixed-length streaming mode
 * whenever a request carries {@code Content-Length}, as every AWS JSON request does. Before it
 * sends a streamed POST over a kept-alive connection, the JDK checks that the connection is still
 * open with a read that waits 1 ms to time out ({@code sun.net.www.http.HttpClient.available()})
 * and throws and catches an exception when it does: a millisecond or more on every call but a
 * connection's first, which is most of a warm function's calls.
 *
 * <p>Without the header, the JDK buffers the body and sets the same {@code Content-Length} itself
 * (so the SigV4 signature, which covers it, still holds), writes headers and body together, and
 * makes no check: if the server has closed a kept-alive connection meanwhile, the JDK opens a new
 * one and sends the buffered request again. The bodies of the functions' calls are kilobytes.
 */
public final class BufferedUrlConnectionHttpClient implements SdkHttpClient {
    static final String CONTENT_LENGTH = "Content-Length";

    private final SdkHttpClient urlConnection;

    BufferedUrlConnectionHttpClient(SdkHttpClient urlConnection) {
        this.urlConnection = urlConnection;
    }

    /** Over the SDK's URL-connection client with its defaults. */
    public static SdkHttpClient create() {
        return new BufferedUrlConnectionHttpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        var http = request.httpRequest();
        if (http.firstMatchingHeader(CONTENT_LENGTH).isEmpty()) {
            return urlConnection.prepareRequest(request);
        }
        var buffered = HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader(CONTENT_LENGTH).build());
        request.contentStreamProvider().ifPresent(buffered::contentStreamProvider);
        request.metricCollector().ifPresent(buffered::metricCollector);
        return urlConnection.prepareRequest(buffered.build());
    }

    @Override
    public String clientName() {
        return urlConnection.clientName();
    }

    @Override
    public void close() {
        urlConnection.close();
    }
}
