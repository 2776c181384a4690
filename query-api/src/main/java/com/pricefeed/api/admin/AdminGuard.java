package com.pricefeed.api.admin;

import com.pricefeed.api.errors.ApiException;
import com.pricefeed.platform.config.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may call the admin routes: with {@code ADMIN_TOKEN} set, callers presenting {@code Authorization: Bearer
 * <token>} (401 otherwise); without it, loopback callers that also name a loopback host in their {@code Host}
 * header (403 for anyone else), so an unconfigured deployment never exposes admin figures to the network, nor to a
 * web page that rebinds its own DNS name to 127.0.0.1.
 */
public final class AdminGuard {

    /** The shortest {@code ADMIN_TOKEN} taken. */
    public static final int MIN_TOKEN_LENGTH = 32;

    private static final String BEARER = "Bearer ";
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$");

    private final Optional<byte[]> token;

    public AdminGuard(Optional<String> token) {
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses a token shorter than {@link #MIN_TOKEN_LENGTH}, and no token at all when the API listens on
     * {@code host} beyond loopback.
     *
     * @throws ConfigException naming the setting to change, never showing the token
     */
    public static void requireUsableToken(String host, Optional<String> token) {
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException("ADMIN_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters, got "
                    + token.get().length() + " (e.g. openssl rand -hex 32)");
        }
        if (token.isEmpty() && !isLoopbackName(host)) {
            throw new ConfigException("ADMIN_TOKEN (at least " + MIN_TOKEN_LENGTH + " characters) is required while"
                    + " HTTP_HOST=" + host + " listens beyond loopback; set it, or HTTP_HOST=127.0.0.1");
        }
    }

    /** @throws ApiException 401 or 403 when the caller may not see admin routes */
    public void check(String remoteAddress, String hostHeader, String authorization) {
        if (token.isPresent()) {
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || !MessageDigest.isEqual(token.get(),
                    authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.unauthorized("Admin routes require 'Authorization: Bearer <ADMIN_TOKEN>'.");
            }
            return;
        }
        if (!isLoopbackAddress(remoteAddress) || !isLoopbackName(withoutPort(hostHeader))) {
            throw ApiException.forbidden("Admin routes answer loopback callers addressing a loopback host only while"
                    + " ADMIN_TOKEN is not set.");
        }
    }

    private static boolean isLoopbackAddress(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return false;
        }
        try {
            // A literal address (as the servlet container reports it) parses without a DNS lookup.
            return InetAddress.getByName(remoteAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code localhost} or a loopback address literal; any other name is not looked up, and is not loopback. */
    private static boolean isLoopbackName(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        return IP_LITERAL.matcher(bare).matches() && isLoopbackAddress(bare);
    }

    private static String withoutPort(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }
}
