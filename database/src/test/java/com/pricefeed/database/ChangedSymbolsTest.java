package com.pricefeed.database;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChangedSymbolsTest {

    @Test
    void shouldNameEverySymbolOfASmallBatchInOnePayload() {
        assertThat(ChangedSymbols.payloads(List.of("AAPL", "BRK.B", "^GSPC"))).containsExactly("symbols:AAPL,BRK.B,^GSPC");
    }

    @Test
    void shouldSendNoPayloadForNoSymbol() {
        assertThat(ChangedSymbols.payloads(List.of())).isEmpty();
    }

    @Test
    void shouldSplitALongListIntoPayloadsPostgresqlAcceptsWithoutLosingOrRepeatingASymbol() {
        List<String> symbols = IntStream.range(0, 20_000).mapToObj(i -> "SYM" + i).toList();

        List<String> payloads = ChangedSymbols.payloads(symbols);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(payload -> {
            assertThat(payload).startsWith(ChangedSymbols.PREFIX);
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        });
        assertThat(payloads.stream()
                .flatMap(payload -> Arrays.stream(payload.substring(ChangedSymbols.PREFIX.length()).split(",")))
                .toList()).isEqualTo(symbols);
    }
}
