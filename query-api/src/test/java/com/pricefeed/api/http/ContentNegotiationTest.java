package com.pricefeed.api.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentNegotiationTest {

    @Test
    void shouldAcceptExactWildcardAndTypeWildcardRanges() {
        assertThat(ContentNegotiation.accepts("application/json", "application/json")).isTrue();
        assertThat(ContentNegotiation.accepts("*/*", "application/json")).isTrue();
        assertThat(ContentNegotiation.accepts("text/html, application/*;q=0.2", "application/json")).isTrue();
        assertThat(ContentNegotiation.accepts("Application/JSON; charset=utf-8", "application/json")).isTrue();
    }

    @Test
    void shouldRefuseOtherTypesAndRangesWithZeroQuality() {
        assertThat(ContentNegotiation.accepts("text/html", "application/json")).isFalse();
        assertThat(ContentNegotiation.accepts("application/json;q=0", "application/json")).isFalse();
        assertThat(ContentNegotiation.accepts("application/xml, text/*", "application/json")).isFalse();
    }
}
