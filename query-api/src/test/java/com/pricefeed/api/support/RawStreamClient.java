package com.pricefeed.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A stream client on a plain socket, from a chosen local address: one that asks for a stream and then reads nothing
 * (its receive window shrunk, so the server's writes to it soon find no room), or reads only the response head.
 */
public final class RawStreamClient implements AutoCloseable {

    private static final int SMALL_RECEIVE_WINDOW = 4 * 1024;

    private final Socket socket;

    private RawStreamClient(Socket socket) {
        this.socket = socket;
    }

    /** Asks for {@code uri} from {@code localAddress} (any loopback address, such as 127.0.0.2, works on Linux). */
    public static RawStreamClient open(URI uri, String localAddress) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(SMALL_RECEIVE_WINDOW);
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new RawStreamClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line and headers of the response, as sent. */
    public String head() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c == -1) {
                    break;
                }
                head.append((char) c);
            }
            return head.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status code of the response. */
    public int status() {
        return Integer.parseInt(head().split(" ", 3)[1]);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
