package com.pricefeed.launcher.feed;

import java.math.BigDecimal;
import java.util.List;

/**
 * A symbol the synthetic feed quotes, with its company and a realistic starting price and market cap.
 *
 * @param symbol       the ticker
 * @param companyName  the issuer
 * @param startPrice   where the random walk starts
 * @param sharesOutstanding shares in issue, so the market cap follows the price
 */
public record Instrument(String symbol, String companyName, BigDecimal startPrice, long sharesOutstanding) {

    /** Forty widely traded US names, enough for a dashboard that looks like a market. */
    public static final List<Instrument> CATALOG = List.of(
            of("AAPL", "Apple Inc.", "189.23", 15_500_000_000L),
            of("MSFT", "Microsoft Corporation", "415.10", 7_430_000_000L),
            of("NVDA", "NVIDIA Corporation", "131.38", 24_500_000_000L),
            of("AMZN", "Amazon.com, Inc.", "186.51", 10_500_000_000L),
            of("GOOGL", "Alphabet Inc. Class A", "172.63", 5_900_000_000L),
            of("META", "Meta Platforms, Inc.", "503.20", 2_530_000_000L),
            of("TSLA", "Tesla, Inc.", "248.50", 3_190_000_000L),
            of("BRK.B", "Berkshire Hathaway Inc. Class B", "412.87", 1_300_000_000L),
            of("JPM", "JPMorgan Chase & Co.", "198.42", 2_870_000_000L),
            of("V", "Visa Inc.", "274.16", 1_600_000_000L),
            of("JNJ", "Johnson & Johnson", "152.71", 2_400_000_000L),
            of("WMT", "Walmart Inc.", "67.45", 8_050_000_000L),
            of("PG", "The Procter & Gamble Company", "166.05", 2_360_000_000L),
            of("MA", "Mastercard Incorporated", "456.90", 930_000_000L),
            of("XOM", "Exxon Mobil Corporation", "113.26", 3_970_000_000L),
            of("UNH", "UnitedHealth Group Incorporated", "512.34", 920_000_000L),
            of("HD", "The Home Depot, Inc.", "345.12", 990_000_000L),
            of("KO", "The Coca-Cola Company", "62.18", 4_310_000_000L),
            of("PEP", "PepsiCo, Inc.", "171.44", 1_370_000_000L),
            of("COST", "Costco Wholesale Corporation", "804.33", 443_000_000L),
            of("ABBV", "AbbVie Inc.", "168.92", 1_770_000_000L),
            of("MRK", "Merck & Co., Inc.", "126.47", 2_530_000_000L),
            of("AVGO", "Broadcom Inc.", "1402.55", 465_000_000L),
            of("ORCL", "Oracle Corporation", "125.78", 2_750_000_000L),
            of("CSCO", "Cisco Systems, Inc.", "47.93", 4_030_000_000L),
            of("ADBE", "Adobe Inc.", "478.21", 448_000_000L),
            of("CRM", "Salesforce, Inc.", "271.64", 970_000_000L),
            of("NFLX", "Netflix, Inc.", "641.09", 430_000_000L),
            of("AMD", "Advanced Micro Devices, Inc.", "158.36", 1_620_000_000L),
            of("INTC", "Intel Corporation", "30.95", 4_260_000_000L),
            of("DIS", "The Walt Disney Company", "101.47", 1_820_000_000L),
            of("BAC", "Bank of America Corporation", "39.14", 7_820_000_000L),
            of("NKE", "NIKE, Inc.", "94.03", 1_510_000_000L),
            of("MCD", "McDonald's Corporation", "257.88", 720_000_000L),
            of("IBM", "International Business Machines Corporation", "183.21", 920_000_000L),
            of("QCOM", "QUALCOMM Incorporated", "201.45", 1_120_000_000L),
            of("T", "AT&T Inc.", "17.86", 7_170_000_000L),
            of("BA", "The Boeing Company", "178.95", 610_000_000L),
            of("GS", "The Goldman Sachs Group, Inc.", "468.32", 320_000_000L),
            of("LLY", "Eli Lilly and Company", "912.47", 950_000_000L));

    private static Instrument of(String symbol, String companyName, String startPrice, long sharesOutstanding) {
        return new Instrument(symbol, companyName, new BigDecimal(startPrice), sharesOutstanding);
    }
}
