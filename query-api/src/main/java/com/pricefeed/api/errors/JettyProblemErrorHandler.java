package com.pricefeed.api.errors;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Errors Jetty answers before a request reaches the API's handlers — a request line or headers too large (414, 431),
 * an unparseable or ambiguous URI (400) — in the same problem JSON as every other error, without Jetty's HTML page
 * and without the parser's message.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {

    private final ProblemHandler problems;

    public JettyProblemErrorHandler(ProblemHandler problems) {
        this.problems = problems;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        // Jetty closes the connection after a request it could not parse; say so, or clients reuse a dead socket.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(problems.body(problemFor(code))), callback);
    }

    static Problem problemFor(int status) {
        String title = HttpStatus.getMessage(status);
        String type;
        String detail;
        switch (status) {
            case 414 -> {
                type = ProblemTypes.URI_TOO_LONG;
                detail = "The request URI is longer than this server accepts.";
            }
            case 413, 431 -> {
                type = ProblemTypes.REQUEST_TOO_LARGE;
                detail = "The request is larger than this server accepts.";
            }
            case 404 -> {
                type = ProblemTypes.NO_ROUTE;
                detail = "No resource at this path.";
            }
            default -> {
                type = status >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.BAD_REQUEST;
                detail = status >= 500 ? "The server could not complete the request." : "The request could not be understood.";
            }
        }
        // No instance: the request never parsed, so its path is unknown or not to be trusted.
        return new Problem(type, title, status, detail, null);
    }
}
