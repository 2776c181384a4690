package com.pricefeed.processor.master;

import com.pricefeed.schemas.master.MasterRecord;

import java.time.Instant;

/**
 * What {@value MasterUpdate#MASTER_STORE} keeps per symbol.
 *
 * <p>Invariant: when both are present, {@code master.lastUpdated() <= delistedAt}: a delisting takes effect only when
 * it is not older than the last price, a delisted symbol's last price can only become a tick not newer than the
 * delisting, and a newer tick relists the symbol.
 *
 * @param master     the last price: the newest accepted tick by {@link com.pricefeed.schemas.tick.Newest} (before the
 *                   delisting, when delisted), or {@code null} when the symbol was delisted before any tick of it
 * @param delistedAt the delisting in force, or {@code null} when the symbol is listed
 */
public record SymbolState(MasterRecord master, Instant delistedAt) {

    public SymbolState {
        if (master == null && delistedAt == null) {
            throw new IllegalArgumentException("A symbol's state has a master, a delisting, or both");
        }
    }

    public static SymbolState listed(MasterRecord master) {
        return new SymbolState(master, null);
    }

    public boolean delisted() {
        return delistedAt != null;
    }
}
