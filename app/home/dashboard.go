package home

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/wallet"
	"github.com/stonks-b3/stonks/db"
)

// How much of each list the dashboard shows.
const (
	recentNotices = 5
	activeRooms   = 5
)

// Dashboard is what a logged-in user's home shows.
type Dashboard struct {
	Holdings int             // wallet items
	Total    decimal.Decimal // Σ quantity × latest price (wallet.Compute's patrimonio)
	Missing  int             // holdings without a quote, left out of Total
	// DayChange is Σ quantity × (price − previous close) over the holdings
	// whose previous close is known; DayPct relates it to their value at
	// the previous close. HasDay is false when no holding has one.
	DayChange, DayPct decimal.Decimal
	HasDay            bool
	Watched           []Watched
	Notices           []Notice
	Rooms             []db.Room
}

// Watched is one ticker of the wallet or of a running alert, with its quote.
type Watched struct {
	Ticker   string
	HasQuote bool
	Quote    quotes.Quote
}

// Notice is one of the user's alert notices, said in the page's language.
type Notice struct {
	db.AlertNotice
	Text string
}

// Up and Down tell the direction of the day's change.
func (d Dashboard) Up() bool   { return d.HasDay && d.DayChange.Sign() > 0 }
func (d Dashboard) Down() bool { return d.HasDay && d.DayChange.Sign() < 0 }

// Up and Down tell the direction of the ticker's day change.
func (w Watched) Up() bool   { return w.HasQuote && w.Quote.Change().Decimal.Sign() > 0 }
func (w Watched) Down() bool { return w.HasQuote && w.Quote.Change().Decimal.Sign() < 0 }

func (h *Handler) dashboard(ctx context.Context, l *i18n.Locale, userID int64) (Dashboard, error) {
	data, err := h.env.Store.LoadDashboard(ctx, userID, h.env.Now(), recentNotices, activeRooms)
	if err != nil {
		return Dashboard{}, err
	}
	qs := map[string]quotes.Quote{}
	if len(data.Watched) > 0 {
		if qs, err = h.quotes.Latest(ctx, data.Watched); err != nil {
			// Prices are best effort, as on the wallet page.
			h.env.Log.Warn("quotes unavailable", "err", err)
		}
	}
	d := summarise(data.Items, qs)
	for _, t := range data.Watched {
		q, ok := qs[t]
		d.Watched = append(d.Watched, Watched{Ticker: t, HasQuote: ok, Quote: q})
	}
	for _, n := range data.Notices {
		d.Notices = append(d.Notices, Notice{AlertNotice: n, Text: alerts.Describe(l, n)})
	}
	d.Rooms = data.Rooms
	return d, nil
}

// summarise is the wallet part of the dashboard, exact in decimals: the
// total is the wallet page's own (wallet.Compute), the day change is
// measured against each holding's previous close.
func summarise(items []db.WalletItem, qs map[string]quotes.Quote) Dashboard {
	t := wallet.Compute(items, qs)
	d := Dashboard{Holdings: len(items), Total: t.Patrimonio, Missing: t.Missing}
	var before decimal.Decimal
	for _, r := range t.Rows {
		if !r.HasQuote || !r.Quote.PrevClose.Valid || !r.Quote.PrevClose.Decimal.IsPositive() {
			continue
		}
		qty := decimal.NewFromInt(r.Item.Quantidade)
		d.HasDay = true
		d.DayChange = d.DayChange.Add(r.Quote.Price.Sub(r.Quote.PrevClose.Decimal).Mul(qty))
		before = before.Add(r.Quote.PrevClose.Decimal.Mul(qty))
	}
	if before.IsPositive() {
		d.DayPct = d.DayChange.Mul(decimal.NewFromInt(100)).Div(before)
	}
	return d
}
