package com.pricefeed.api.prices;

import com.pricefeed.api.errors.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolsTest {

    @Test
    void shouldTrimAndUpperCaseLikeTheTickParser() {
        assertThat(Symbols.normalize("  brk.b ")).isEqualTo("BRK.B");
        assertThat(Symbols.normalize("es=f")).isEqualTo("ES=F");
    }

    @Test
    void shouldRefuseSymbolsTheTickParserWouldReject() {
        for (String bad : new String[]{"", " ", "-AAPL", "TOOLONGSYMBOL", "A B", "A'B", "A;B", "ÄPPLE", "A/B"}) {
            assertThatThrownBy(() -> Symbols.normalize(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void shouldParseListInOrderWithoutDuplicatesOrBlanks() {
        assertThat(Symbols.parseList("msft, AAPL,,aapl ,MSFT,ZZ", 10)).containsExactly("MSFT", "AAPL", "ZZ");
    }

    @Test
    void shouldRefuseListsLongerThanTheMaximumBeforeLookingAtTheSymbols() {
        String eleven = String.join(",", Collections.nCopies(11, "A"));

        assertThatThrownBy(() -> Symbols.parseList(eleven, 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo("/problems/too-many-symbols"));
        assertThatThrownBy(() -> Symbols.parseList("A".repeat(100_000), 10)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo("/problems/too-many-symbols"));
    }

    @Test
    void shouldRefuseEmptyLists() {
        assertThatThrownBy(() -> Symbols.parseList(null, 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Symbols.parseList(" , ,", 10)).isInstanceOf(ApiException.class);
    }
}
