package com.pricefeed.api.admin;

import com.pricefeed.api.errors.ApiException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call the admin routes: with {@code ADMIN_TOKEN} set, callers presenting {@code Authorization: Bearer
 * <token>} (401 otherwise); without it, loopback callers only (403 for anyone else), so an unconfigured deployment
 * never exposes admin figures to the network.
 */
public final class AdminGuard {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public AdminGuard(Optional<String> token) {
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 401 or 403 when the caller may not see admin routes */
    public void check(String remoteAddress, String authorization) {
        if (token.isPresent()) {
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || !MessageDigest.isEqual(token.get(),
                    authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
                throw ApiException.unauthorized("Admin routes require 'Authorization: Bearer <ADMIN_TOKEN>'.");
            }
            return;
        }
        if (!isLoopback(remoteAddress)) {
            throw ApiException.forbidden("Admin routes answer loopback callers only while ADMIN_TOKEN is not set.");
        }
    }

    private static boolean isLoopback(String remoteAddress) {
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
}
