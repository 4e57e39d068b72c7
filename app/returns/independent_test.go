package returns_test

import (
	"context"
	"errors"
	"math/big"
	"math/rand/v2"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/app/tax"
	"github.com/stonks-b3/stonks/db"
)

type trade struct {
	date, code, asset string
	buy               bool
	qty               int64
	cents             int64
}

// trades makes a deterministic history of n trades over five months on
// three stocks and a fund (prices drifting up, so some months gain), with day trades and fractional-market codes,
// never selling more than is held.
func trades(n int) []trade {
	r := rand.New(rand.NewPCG(1, 42))
	assets := []string{"PETR4", "VALE3", "ITUB4", "HGLG11"}
	var days []string
	for d := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC); d.Month() < 6; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			days = append(days, d.Format(time.DateOnly))
		}
	}
	picks := make([]string, n)
	for i := range picks {
		picks[i] = days[r.IntN(len(days))]
	}
	sort.Strings(picks)
	held := map[string]int64{}
	var out []trade
	for i, day := range picks {
		a := assets[r.IntN(len(assets))]
		if day[5:7] == "04" && a == "HGLG11" {
			a = "PETR4" // April: stocks only, so its small results stay small
		}
		t := trade{date: day, asset: a, code: a, cents: 2000 + int64(i)*10 + r.Int64N(1500)}
		// March and April trade small lots: months under the exemption,
		// and DARFs below the minimum.
		lot := int64(900)
		switch day[5:7] {
		case "03":
			lot = 10
		case "04":
			lot = 1
		}
		if held[a] > 0 && r.IntN(100) < 45 {
			t.qty = 1 + r.Int64N(min(held[a], lot))
		} else {
			t.buy, t.qty = true, 1+r.Int64N(lot)
		}
		if t.qty < 100 && a != "HGLG11" && r.IntN(2) == 0 {
			t.code = a + "F"
		}
		if t.buy {
			held[a] += t.qty
		} else {
			held[a] -= t.qty
		}
		out = append(out, t)
		// Now and then the same asset again the same day: a day trade.
		if r.IntN(6) == 0 && held[a] > 0 {
			q := 1 + r.Int64N(min(held[a], lot))
			out = append(out, trade{date: day, asset: a, code: a, buy: false, qty: q, cents: t.cents + r.Int64N(200) - 100})
			held[a] -= q
		}
	}
	// A small fund gain in April (10 × R$ 1,00): a DARF below the minimum,
	// carried into May.
	small := []trade{
		{date: "2026-04-06", asset: "KNRI11", code: "KNRI11", buy: true, qty: 10, cents: 15000},
		{date: "2026-04-20", asset: "KNRI11", code: "KNRI11", qty: 10, cents: 15100},
	}
	out = append(out, small...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].date < out[j].date })
	return out
}

// rat is an exact rational; independent of shopspring/decimal.
func rat(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// independent recomputes holdings and monthly DARFs exactly with big.Rat,
// straight from the rules, sharing no code with app/ledger or app/tax.
func independent(ts []trade) (map[string]int64, map[string]*big.Rat, map[string]*big.Rat) {
	type agg struct{ b, s, bv, sv int64 } // quantities and values in cents
	days := map[string]map[string]*agg{}
	var order []string
	for _, t := range ts {
		if days[t.date] == nil {
			days[t.date] = map[string]*agg{}
			order = append(order, t.date)
		}
		g := days[t.date][t.asset]
		if g == nil {
			g = &agg{}
			days[t.date][t.asset] = g
		}
		if t.buy {
			g.b, g.bv = g.b+t.qty, g.bv+t.qty*t.cents
		} else {
			g.s, g.sv = g.s+t.qty, g.sv+t.qty*t.cents
		}
	}
	sort.Strings(order)
	qty, cost := map[string]int64{}, map[string]*big.Rat{}
	type month struct {
		stockSales     int64
		swing, dt, fii *big.Rat
		withheld       *big.Rat
	}
	months := map[string]*month{}
	var monthOrder []string
	frac := func(v, n, of int64) *big.Rat { // v cents × n / of, in reais
		return new(big.Rat).SetFrac(big.NewInt(v*n), big.NewInt(of*100))
	}
	for _, d := range order {
		m := months[d[:7]]
		if m == nil {
			m = &month{swing: rat(0), dt: rat(0), fii: rat(0), withheld: rat(0)}
			months[d[:7]] = m
			monthOrder = append(monthOrder, d[:7])
		}
		dayTrade := rat(0) // the day's net day-trade result, withheld 1% when positive
		assets := make([]string, 0, len(days[d]))
		for a := range days[d] {
			assets = append(assets, a)
		}
		sort.Strings(assets)
		for _, a := range assets {
			g, fii := days[d][a], a == "HGLG11" || a == "KNRI11"
			if cost[a] == nil {
				cost[a] = rat(0)
			}
			if !fii {
				m.stockSales += g.sv
			}
			matched := min(g.b, g.s)
			if matched > 0 {
				gain := new(big.Rat).Sub(frac(g.sv, matched, g.s), frac(g.bv, matched, g.b))
				if fii {
					m.fii.Add(m.fii, gain)
				} else {
					m.dt.Add(m.dt, gain)
				}
				dayTrade.Add(dayTrade, gain)
			}
			if b := g.b - matched; b > 0 {
				cost[a].Add(cost[a], frac(g.bv, b, g.b))
				qty[a] += b
			}
			if s := g.s - matched; s > 0 {
				out := new(big.Rat).Mul(cost[a], big.NewRat(s, qty[a]))
				proceeds := frac(g.sv, s, g.s)
				gain := new(big.Rat).Sub(proceeds, out)
				cost[a].Sub(cost[a], out)
				qty[a] -= s
				if fii {
					m.fii.Add(m.fii, gain)
				} else {
					m.swing.Add(m.swing, gain)
				}
				m.withheld.Add(m.withheld, new(big.Rat).Mul(proceeds, big.NewRat(5, 100000)))
			}
		}
		if dayTrade.Sign() > 0 {
			m.withheld.Add(m.withheld, new(big.Rat).Mul(dayTrade, big.NewRat(1, 100)))
		}
	}
	darf := map[string]*big.Rat{}
	loss := []*big.Rat{rat(0), rat(0), rat(0)}
	rates := []*big.Rat{big.NewRat(15, 100), big.NewRat(20, 100), big.NewRat(20, 100)}
	credit, carry := rat(0), rat(0)
	for _, k := range monthOrder {
		m := months[k]
		exempt := m.stockSales <= 20000*100
		taxDue := rat(0)
		for c, res := range []*big.Rat{m.swing, m.dt, m.fii} {
			switch {
			case res.Sign() < 0:
				loss[c].Sub(loss[c], res)
			case c == 0 && exempt:
			default:
				used := res
				if loss[c].Cmp(res) < 0 {
					used = loss[c]
				}
				base := new(big.Rat).Sub(res, used)
				loss[c] = new(big.Rat).Sub(loss[c], used)
				taxDue.Add(taxDue, new(big.Rat).Mul(base, rates[c]))
			}
		}
		credit.Add(credit, m.withheld)
		used := credit
		if taxDue.Cmp(credit) < 0 {
			used = taxDue
		}
		credit = new(big.Rat).Sub(credit, used)
		due := new(big.Rat).Add(new(big.Rat).Sub(taxDue, used), carry)
		if due.Cmp(rat(10)) < 0 {
			carry, darf[k] = due, rat(0)
		} else {
			carry, darf[k] = rat(0), due
		}
	}
	avg := map[string]*big.Rat{}
	for a, q := range qty {
		if q > 0 {
			avg[a] = new(big.Rat).Quo(cost[a], rat(q))
		}
	}
	return qty, avg, darf
}

// cents rounds an exact amount half away from zero to cents, as pages do.
func cents(r *big.Rat) string {
	d, _ := decimal.NewFromString(r.FloatString(12))
	return d.Round(2).StringFixed(2)
}

// Importing B3's export of a few hundred trades gives the holdings, average
// prices and monthly DARFs of an independent exact computation.
func TestImportMatchesIndependentComputation(t *testing.T) {
	ts := trades(300)
	rows := make([][]any, len(ts))
	for i, tr := range ts {
		d, _ := time.Parse(time.DateOnly, tr.date)
		kind, market := "Compra", "Mercado à Vista"
		if !tr.buy {
			kind = "Venda"
		}
		if tr.code != tr.asset {
			market = "Mercado Fracionário"
		}
		price, _ := decimal.New(tr.cents, -2).Float64()
		rows[i] = []any{d.Format("02/01/2006"), kind, market, "-", "CORRETORA", tr.code, tr.qty, price, price * float64(tr.qty)}
	}
	wantQty, wantAvg, wantDARF := independent(ts)
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana", "en")
		srv.Env.Now = func() time.Time { return now }
		if r := upload(t, ana, "negociacao.xlsx", b3XLSX(t, rows)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: %d %s", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		ctx := context.Background()
		for a, q := range wantQty {
			it, err := srv.Env.Store.WalletItemByTicker(ctx, anaID, a)
			if q == 0 && errors.Is(err, db.ErrNotFound) {
				continue // bought and sold within the file: never held in the wallet
			}
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			if it.Quantidade != q {
				t.Errorf("%s: %d shares, want %d", a, it.Quantidade, q)
			}
			if q > 0 {
				want, _ := decimal.NewFromString(wantAvg[a].FloatString(8))
				if !it.PrecoMedio.Equal(want) {
					t.Errorf("%s: average %s, want %s", a, it.PrecoMedio, want)
				}
			}
		}
		ops, err := srv.Env.Store.Operations(ctx, anaID)
		if err != nil || len(ops) != len(ts) {
			t.Fatalf("%d operations (%v), want %d", len(ops), err, len(ts))
		}
		b, err := ledger.Replay(ops, "")
		if err != nil {
			t.Fatal(err)
		}
		months := tax.Months(b.Sales, tax.Rules)
		if len(months) != len(wantDARF) {
			t.Fatalf("%d months, want %d", len(months), len(wantDARF))
		}
		paid, exempt, carried := 0, 0, 0
		for _, m := range months {
			if m.Exempt {
				exempt++
			}
			if m.CarriedOut.IsPositive() {
				carried++
			}
			if got, want := m.DARF.Round(2).StringFixed(2), cents(wantDARF[m.Month]); got != want {
				t.Errorf("%s DARF %s, want %s", m.Month, got, want)
			}
			if m.DARF.IsPositive() {
				paid++
			}
		}
		if paid == 0 || exempt == 0 || carried == 0 {
			t.Errorf("%d months with a DARF, %d exempt, %d carried: the history exercises too little", paid, exempt, carried)
		}
		t.Logf("%d trades, %d months: %d with a DARF, %d exempt, %d carried", len(ts), len(months), paid, exempt, carried)
	})
}
