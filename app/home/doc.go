// Package home serves the home page: the marketing page for visitors, a
// dashboard for a logged-in user.
//
// The dashboard's wallet total is the wallet page's own (wallet.Compute over
// quotes.Service.Latest); the day change is Σ quantity × (price − previous
// close) over the holdings whose previous close is known, and its % is over
// their value at the previous close. "Watched tickers" are those of the
// wallet and of the alerts still running (Store.WatchedTickers). Recent
// notices are the user's latest alert_notices; active rooms are the rooms
// with messages, latest message first.
package home
