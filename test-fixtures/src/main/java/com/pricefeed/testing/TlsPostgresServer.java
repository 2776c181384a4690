package com.pricefeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for one test class, locked down as a production one: TLS only ({@code hostssl} in
 * pg_hba.conf, no plain {@code host} line), scram-sha-256 passwords, a server certificate for {@code localhost} and
 * {@code 127.0.0.1} signed by a CA made for this run, on a free port of 127.0.0.1. The machine's shared server on
 * 5432 is left alone. Built with the binaries of the newest {@code /usr/lib/postgresql/<version>/bin} and openssl;
 * run as root (as CI does), the server runs as the {@code postgres} OS user, since initdb refuses root.
 */
public final class TlsPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SERVER_OS_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path directory;
    private final Path bin;
    private final boolean asRoot;
    private final int port;
    private final String superuserPassword;
    private boolean running;

    private TlsPostgresServer(Path directory, Path bin, boolean asRoot, int port, String superuserPassword) {
        this.directory = directory;
        this.bin = bin;
        this.asRoot = asRoot;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** Creates the cluster and its certificates, and starts it; the superuser {@value #SUPERUSER} has {@code superuserPassword}. */
    public static TlsPostgresServer start(String superuserPassword) {
        try {
            boolean asRoot = "root".equals(System.getProperty("user.name"));
            Path directory = Files.createTempDirectory("prices-tls-postgres-");
            TlsPostgresServer server = new TlsPostgresServer(directory, newestBin(), asRoot, freePort(), superuserPassword);
            try {
                server.prepareDirectory();
                server.makeCertificates();
                server.initialise();
                server.run("pg_ctl", "-D", "data", "-l", "server.log", "-w", "-t", "30", "start");
                server.running = true;
                return server;
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up a TLS PostgreSQL server", e);
        }
    }

    public int port() {
        return port;
    }

    /** The CA that signed the server's certificate: a client's {@code sslrootcert}. */
    public Path caCertificate() {
        return directory.resolve("ca.crt");
    }

    /** A CA that signed nothing this server presents: verification against it must fail. */
    public Path otherCaCertificate() {
        return directory.resolve("other-ca.crt");
    }

    /** A JDBC URL of {@code database} on this server; {@code parameters} is a query string without its {@code ?}. */
    public String url(String database, String parameters) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    /** A URL of {@code database} that insists on TLS and verifies the server's certificate and host name against the CA. */
    public String verifiedUrl(String database) {
        return url(database, "sslmode=verify-full&sslrootcert=" + caCertificate());
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    /** Stops the server at once (nothing in it is kept) and removes its directory. */
    @Override
    public void close() {
        try {
            if (running) {
                running = false;
                run("pg_ctl", "-D", "data", "-m", "immediate", "-w", "stop");
            }
        } finally {
            delete(directory);
        }
    }

    private void prepareDirectory() throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        if (asRoot) {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_OS_USER);
            Files.setOwner(directory, owner);
        }
        Files.writeString(directory.resolve("superuser.password"), superuserPassword + "\n");
        Files.writeString(directory.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    }

    private void makeCertificates() {
        for (String ca : List.of("ca", "other-ca")) {
            run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=prices test " + ca, "-keyout", ca + ".key", "-out", ca + ".crt");
        }
        run("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
        run("chmod", "600", "server.key");
    }

    private void initialise() throws IOException {
        run("initdb", "-D", "data", "-U", SUPERUSER, "--pwfile=superuser.password", "-E", "UTF8", "--no-sync",
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256");
        Path data = directory.resolve("data");
        // Both files exist, owned by the server's user: written in place, they keep that owner.
        Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + directory + "'",
                "ssl = on",
                "ssl_cert_file = '" + directory.resolve("server.crt") + "'",
                "ssl_key_file = '" + directory.resolve("server.key") + "'",
                "password_encryption = 'scram-sha-256'",
                "max_connections = 40",
                "shared_buffers = 16MB",
                "fsync = off",
                "synchronous_commit = off",
                ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", SERVER_OS_USER, "--"));
        }
        command.add(program.equals("openssl") || program.equals("chmod") ? program : bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private String serverLog() {
        try {
            Path log = directory.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path newestBin() throws IOException {
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL server binaries under " + INSTALLATIONS
                            + " (Debian's postgresql package installs them; scripts/ensure-postgres does)"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
