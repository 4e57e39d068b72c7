// Package tracker is the stock picker and the live stock tracker: pages
// that list quotes, and the publisher that pushes changed rows to the quote
// rooms over Server-Sent Events.
//
// Pages: /stockpicker/{market} (active search with htmx, a GET form
// without), /stocktracker (sortable by links, unknown tickers marked, a
// snippet to embed) and /embed/tracker (public, cookieless, framable by
// EMBED_ORIGINS or anyone, rendered with RenderPublic; compact by default —
// ticker, price, change and time, for a 320–720 px blog column, the other
// cells kept hidden for their ids — and every column with ?cols=full).
//
// Asset search (picker filter, navbar) folds accents and case in Go
// (db.Fold) over the asset rows, so "itau" finds "Itaú" alike on both
// databases; every word must appear in ticker, name or sector. A navbar
// value that is not all tickers is resolved as a company name first, then
// word by word; at most 10 assets, with a link to the filtered picker.
//
// Live quotes: a quote room is quotes-{lang}-{sorted tickers}. The tracker
// reports which tickers its rooms watch (the leader polls the union of all
// instances'); after a refresh Handler.Publish sends QuotesFact (values, JSON lines,
// chunks under 7,000 bytes) through the broker. Every instance keeps them
// (quotes.Service.Accept), renders each changed row once per language with
// partials/tracker_row, and sends each local room one "quotes" event per
// tick. After the broker lost notifications, a resync hook re-sends every
// watched row from the database. Rendered rows are cached (rowcache.go) by
// everything they show.
package tracker
