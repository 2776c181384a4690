package com.pricefeed.api.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type     a URI reference naming the kind of problem (see {@link ProblemTypes})
 * @param title    the HTTP reason phrase of {@code status}
 * @param status   the HTTP status code
 * @param detail   what was wrong with this request, for a human
 * @param instance the path of the request that failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
