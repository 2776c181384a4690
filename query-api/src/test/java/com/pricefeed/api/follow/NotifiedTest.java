package com.pricefeed.api.follow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotifiedTest {

    @Test
    void shouldReadTheSymbolsOfEveryPayloadOnce() {
        Notified notified = Notified.of(List.of("symbols:AAPL,MSFT", "symbols:MSFT,BRK.B"));

        assertThat(notified.symbols()).containsExactlyInAnyOrder("AAPL", "MSFT", "BRK.B");
        assertThat(notified.unrecognized()).isFalse();
        assertThat(notified.none()).isFalse();
    }

    @Test
    void shouldFlagAPayloadOfAnotherFormatSoEveryChangeIsReadInstead() {
        Notified notified = Notified.of(List.of("symbols:AAPL", "1042"));

        assertThat(notified.symbols()).containsExactly("AAPL");
        assertThat(notified.unrecognized()).isTrue();
        assertThat(notified.none()).isFalse();
    }

    @Test
    void shouldAskForNothingWithoutNotifications() {
        assertThat(Notified.of(List.of()).none()).isTrue();
    }
}
