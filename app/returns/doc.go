// Package returns is the investor's history and what it means: dated buys
// and sells (operations) with their import from B3's trades export, the
// holdings and realised gains derived from them (app/ledger), proventos,
// profit and loss, the wallet against the IBOVESPA, and the monthly
// income-tax page (app/tax). One file per action.
//
// # Operations
//
// Table operations (db/operations.go): buys (C) and sells (V) per asset with
// quantity, price (up to 8 decimals: B3's export gives a day's average) and
// fees. The date is a calendar date kept as YYYY-MM-DD text on both
// databases (no time zone to drift). A fractional-market code (PETR4F) is
// stored as its asset with fracionario set. Everything is owner-scoped:
// another user's id is a 404. A sale of more than is held is refused
// (ledger.ErrOversold, 422 next to the quantity).
//
// Every write of operations runs ledger.Derive inside its transaction (the
// Store takes it as a db.Deriver, so db does not import app) and sets the
// wallet items' quantidade and preco_medio for the assets touched; an asset
// not yet in the wallet gets an item with weight 0. A holding typed in the
// wallet is its opening balance: one buy with abertura set, dated the day
// the item was created. Deleting the holding deletes its operations.
//
// # Import
//
// ParseOperations reads B3's trades export ("negociação") as .xlsx (with
// excelize: number cells raw, text cells in pt-BR, date serials converted)
// or .csv (numbers in pt-BR), or our own CSV data,tipo,ativo,quantidade,
// preco,taxas (numbers by the separator). Only the cash market (à vista,
// fracionário) is accepted; all or nothing, including an oversale against
// the operations already kept. Trades already kept (same day, kind, code,
// quantity and price, counted with multiplicity) are left out, so
// overlapping periods or the same file twice add each trade once.
//
// # Proventos
//
// /proventos: table dividends is shared by all users (unique by ticker, kind
// and ex-date). The page asks the provider (quotes.DividendSource) at most
// once a day per ticker per instance, upserts what it gets, then reads the
// database. A payment counts the shares held at the close of its ex-date (a
// buy on the ex-date counts); per holding: received, per share, yield on
// cost and dividend yield over the last 12 months; and a calendar.
//
// # Profit and loss
//
// ProfitAndLoss (on /operacoes): per asset and for the wallet, market value,
// unrealised gain, the day's change (shares × (price − previous close)),
// realised gains, proventos received and the total return (in % over the
// cost of what is held plus the cost of what was sold). Without a quote the
// figures that need a price are missing ("—"), not zero, and left out of the
// sums (the page says how many). The table re-fetches itself on a quote tick.
//
// # Wallet against IBOV
//
// ValueSeries (/operacoes/chart.svg?range=): for every trading day of the
// range, Σ shares held at that day's close × the day's close; a day without
// a bar carries the last close, and before an asset's first bar the price of
// its latest operation stands in. Exact decimals, both lines rebased to 100
// on the first day the wallet holds anything, floats only in charts.Lines.
// The SVG has role="img" with <title>/<desc>, and an ETag hashed from every
// point with range, theme and language. A table of the last 10 points serves
// screen readers. No operations is a 404.
package returns
