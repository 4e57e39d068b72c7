// Package quotes fetches B3 market data (latest quotes, daily bars,
// proventos and the IBOVESPA) from interchangeable providers: an offline
// deterministic simulator ("sim"), Yahoo Finance ("yahoo") and brapi.dev
// ("brapi"). Tickers are B3 codes without the ".SA" suffix (data.Ticker is
// the one normaliser); money is decimal.Decimal rounded to the B3 tick
// (0.01 BRL).
//
// # Providers
//
// The remote providers have timeouts, retries with backoff, a circuit
// breaker and stale marking. Every provider refuses non-BRL, non-positive
// and sub-cent prices (the ticker is then absent, as an unknown one is). The
// other figures (previous close, open, day and 52-week range) are
// decimal.NullDecimal: missing when absent, null, zero or negative, and
// shown as "—" with no change %. The NOT NULL columns store a missing figure
// as 0 and reading maps 0 back to missing.
//
// The simulator reads the Env clock. It trades every day around the clock
// by default (SIM_SESSION=always), so the demo moves whenever someone looks;
// SIM_SESSION=b3 keeps B3's session on weekdays, but it does not know the
// holiday list, so on a holiday it still trades while pages say closed.
//
// # Service
//
// Service keeps the latest quotes in memory, then reads the database, then
// makes one provider call. Latest asks again for any quote fetched more than
// MaxAge (one QUOTES_INTERVAL) ago, in one batched call shared by concurrent
// requests for the same ticker set (singleflight on the sorted set), so a
// page never serves Friday's price on Tuesday, after a restart too. Two times
// are kept apart: Quote.Time is the exchange's time of the price
// (legitimately old at night), the fetch time is when we last asked; the
// database keeps only the first, so a stored quote counts as fetched at its
// exchange time. Quotes from an earlier day than the clock are marked Old and
// pages show their date. Refresh (the quote job's call) persists the changed
// quotes; unlisted tickers are dropped before the provider, so memory and the
// providers' last-good quotes are bounded by the lists.
//
// Daily history is cached in price_history and refreshed at most once a day
// per ticker. IndexHistory keeps the IBOVESPA there under the key "IBOV" (not
// a B3 code, so no form, quote or stream can name it): Yahoo and brapi ask
// for ^BVSP (escaped in the path, never through the ticker normaliser); the
// simulator computes a simulated index, Σ shares × close of its IBOV
// constituents over a divisor that puts 04/01/2010 at 120.000 points. A
// provider without an index leaves the IBOV line out of charts.
//
// # Market hours
//
// The rule is in one place, session.go: B3 trades 10:00–17:00 BRT on
// business days, minus B3's 2026–2027 holidays; Service.Session is always
// open for the demo sim. The tracker, wallet and embed then say "market
// closed since …" (partials/market) and date the last quotes instead of
// promising refreshes.
//
// # Proventos
//
// DividendSource gives dividends, JCP and funds' income per share with
// their ex-date (data com) and payment date: sim (SimDividends,
// deterministic: funds monthly, ex on the month's last weekday and paid mid
// next month; stocks one month in three, dividend or JCP), brapi
// (dividends=true) and Yahoo (chart events=div: ex-date and amount only, so
// the payment date is the ex-date and the kind a dividend). The brapi and
// Yahoo fixtures follow the APIs' published shapes; they were not recorded.
package quotes
