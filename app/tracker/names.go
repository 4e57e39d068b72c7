package tracker

import (
	"context"
	"net/url"
	"strings"

	"github.com/stonks-b3/stonks/db"
)

// MaxNameMatches is how many assets a company name adds to the tracker; past
// it the page links to the picker filtered by the name.
const MaxNameMatches = 10

// moreMatches is the link shown when a name matches more assets than the
// tracker adds.
type moreMatches struct {
	Q     string
	N     int
	Href  string
	Shown int
}

// resolveNames replaces each value that is not all ticker-shaped ("petrobras",
// "banco do brasil") by the tickers of the assets it names. The whole value
// is tried as a name first, since ParseTickers would split it on spaces; if
// it names nothing, each word that is not a ticker is tried alone ("VALE3
// itau"). A word naming nothing is kept, so it is reported as "not a ticker".
func resolveNames(ctx context.Context, store *db.Store, values []string) ([]string, *moreMatches, error) {
	r := resolver{ctx: ctx, store: store}
	for _, v := range values {
		if _, bad := ParseTickers([]string{v}); len(bad) == 0 {
			r.out = append(r.out, v)
			continue
		}
		if ok, err := r.name(v); err != nil || ok {
			if err != nil {
				return nil, nil, err
			}
			continue
		}
		for _, f := range strings.FieldsFunc(v, separator) {
			if _, bad := ParseTickers([]string{f}); len(bad) == 0 {
				r.out = append(r.out, f)
			} else if ok, err := r.name(f); err != nil {
				return nil, nil, err
			} else if !ok {
				r.out = append(r.out, f)
			}
		}
	}
	return r.out, r.more, nil
}

type resolver struct {
	ctx   context.Context
	store *db.Store
	out   []string
	more  *moreMatches
}

// name adds the tickers of the assets q names (at most MaxNameMatches) and
// tells whether there were any.
func (r *resolver) name(q string) (bool, error) {
	found, err := r.store.SearchAssets(r.ctx, q)
	if err != nil || len(found) == 0 {
		return false, err
	}
	if len(found) > MaxNameMatches && r.more == nil {
		r.more = &moreMatches{Q: q, N: len(found), Shown: MaxNameMatches,
			Href: "/stockpicker/" + mostCommonMarket(found) + "?q=" + url.QueryEscape(q)}
	}
	for _, a := range found[:min(len(found), MaxNameMatches)] {
		r.out = append(r.out, a.Ticker)
	}
	return true, nil
}

// mostCommonMarket is the market most of the assets are in (the picker shows
// one market at a time), IBOV on a tie.
func mostCommonMarket(as []db.Asset) string {
	n := map[string]int{}
	for _, a := range as {
		n[a.Market]++
	}
	best := db.Markets[0]
	for _, m := range db.Markets {
		if n[m] > n[best] {
			best = m
		}
	}
	return best
}
