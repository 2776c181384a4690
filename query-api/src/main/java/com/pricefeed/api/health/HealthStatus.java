package com.pricefeed.api.health;

/**
 * The body of the health routes.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param detail why, in a few words
 */
public record HealthStatus(String status, String detail) {
}
