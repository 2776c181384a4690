package com.pricefeed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of the real PostgreSQL, so a test can make the database unreachable (connections cut,
 * new ones refused) or hang it, as a peer does that stops answering without closing (a dead route, a frozen host),
 * and bring it back on the same port, without touching the shared server. A hang takes either every connection, new
 * ones included ({@link #stall()}), or only those open so far ({@link #stallOpenConnections()}).
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object stallLock = new Object();
    /** Connections numbered up to this one forward nothing; guarded by {@link #stallLock}. */
    private long stalledUpTo = -1;
    private long connections;
    private volatile ServerSocket server;

    private TcpProxy(String targetHost, int targetPort, int port) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = port;
    }

    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort, freePort());
        proxy.open();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Cuts every connection and refuses new ones. */
    public void cut() {
        closeQuietly(server);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** A hung peer: every connection, and every one accepted later, forwards nothing until {@link #resume()}. */
    public void stall() {
        synchronized (stallLock) {
            stalledUpTo = Long.MAX_VALUE;
        }
    }

    /** Makes every connection open now hang (bytes either way held, not forwarded) until {@link #resume()}; new ones work. */
    public void stallOpenConnections() {
        synchronized (stallLock) {
            stalledUpTo = connections;
        }
    }

    /** Forwards what the stalled connections held, and all that follows. */
    public void resume() {
        synchronized (stallLock) {
            stalledUpTo = -1;
            stallLock.notifyAll();
        }
    }

    /** Accepts connections again, on the same port. */
    public void open() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            server = socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket accepting = server;
        Thread acceptor = new Thread(() -> accept(accepting), "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public void close() {
        cut();
        resume();
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            try {
                Socket client = accepting.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                long connection;
                synchronized (stallLock) {
                    connection = ++connections;
                }
                pump(connection, client, upstream);
                pump(connection, upstream, client);
            } catch (IOException e) {
                // Closed by cut(), or the target refused: the client sees its connection fail.
            }
        }
    }

    private void pump(long connection, Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    awaitUnstalled(connection);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitUnstalled(long connection) throws InterruptedException {
        synchronized (stallLock) {
            while (connection <= stalledUpTo) {
                stallLock.wait();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // Already closed.
        }
    }
}
