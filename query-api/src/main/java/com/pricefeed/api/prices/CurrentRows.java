package com.pricefeed.api.prices;

import java.util.Optional;

/** Master rows held in memory and kept current by following the database's commits. */
public interface CurrentRows {

    /**
     * The committed master row of {@code symbol}, provided the rows held reflect every commit made up to the
     * configured staleness bound ago; empty when they do not, or when no row of the symbol is held.
     */
    Optional<Price> freshRow(String symbol);
}
