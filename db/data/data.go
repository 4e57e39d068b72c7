// Package data embeds the reference market data for B3: the IBOVESPA
// constituents and the IFIX real-estate funds, with an approximate reference
// price and share count so simulated quotes start from plausible values.
package data

import (
	"embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

//go:embed ibov.csv ifix.csv
var files embed.FS

// Market codes.
const (
	IBOV = "IBOV"
	IFIX = "IFIX"
)

// Asset is one listed stock or real-estate fund.
type Asset struct {
	Ticker   string          // B3 code without suffix, e.g. PETR4
	Name     string          // company or fund name
	Sector   string          // sector for stocks, segment for funds
	Market   string          // IBOV or IFIX
	RefPrice decimal.Decimal // approximate recent price in BRL
	Shares   int64           // approximate shares (or fund units) outstanding
}

var (
	once   sync.Once
	assets []Asset
	index  map[string]int

	// added are assets listed at run time (by staff, in the database) that
	// the embedded files do not have; Add keeps them.
	addedMu sync.RWMutex
	added   = map[string]Asset{}
)

// Add makes assets known to Lookup beside the embedded ones: the assets
// table is the source, and the server calls Add with its rows whenever they
// change, so an asset staff list is quoted, streamed and accepted in forms
// like the others. Embedded assets are not replaced.
func Add(list []Asset) {
	once.Do(load)
	addedMu.Lock()
	defer addedMu.Unlock()
	for _, a := range list {
		if _, ok := index[a.Ticker]; !ok && IsTicker(a.Ticker) {
			added[a.Ticker] = a
		}
	}
}

func load() {
	for _, f := range []struct{ file, market string }{{"ibov.csv", IBOV}, {"ifix.csv", IFIX}} {
		list, err := parse(f.file, f.market)
		if err != nil {
			// The files are embedded and tested; a failure here is a build bug.
			panic(err)
		}
		assets = append(assets, list...)
	}
	index = make(map[string]int, len(assets))
	for i, a := range assets {
		index[a.Ticker] = i
	}
}

func parse(file, market string) ([]Asset, error) {
	f, err := files.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "ticker,name,sector,ref_price,shares" {
		return nil, fmt.Errorf("%s: unexpected header", file)
	}
	out := make([]Asset, 0, len(rows)-1)
	for i, r := range rows[1:] {
		price, err := decimal.NewFromString(r[3])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: price: %w", file, i+2, err)
		}
		shares, err := strconv.ParseInt(r[4], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: shares: %w", file, i+2, err)
		}
		out = append(out, Asset{
			Ticker:   strings.TrimSpace(r[0]),
			Name:     strings.TrimSpace(r[1]),
			Sector:   strings.TrimSpace(r[2]),
			Market:   market,
			RefPrice: price,
			Shares:   shares,
		})
	}
	return out, nil
}

// Assets returns every asset of both markets, IBOV first, in file order.
// The slice is a copy; callers may modify it.
func Assets() []Asset {
	once.Do(load)
	return append([]Asset(nil), assets...)
}

// Ticker reads a ticker as people type it, the one normaliser of the app:
// spaces around it dropped, upper-cased, Yahoo's ".SA" suffix stripped
// ("petr4.sa " → PETR4). ok is false unless the result has a B3 code's shape
// (see IsTicker). Whether the code is listed is Lookup's question.
func Ticker(s string) (string, bool) {
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), ".SA")
	return t, IsTicker(t)
}

// IsTicker tells whether t is a normalised B3 code: four capital letters or
// digits, then the share class in one or two digits (PETR4, HGLG11). Only
// such codes reach URLs, stream ids and provider calls.
func IsTicker(t string) bool {
	if len(t) < 5 || len(t) > 6 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= '0' && c <= '9' || i < 4 && c >= 'A' && c <= 'Z' {
			continue
		}
		return false
	}
	return true
}

// Lookup finds an asset by ticker as typed (see Ticker).
func Lookup(ticker string) (Asset, bool) {
	once.Do(load)
	t, ok := Ticker(ticker)
	if !ok {
		return Asset{}, false
	}
	if i, ok := index[t]; ok {
		return assets[i], true
	}
	addedMu.RLock()
	defer addedMu.RUnlock()
	a, ok := added[t]
	return a, ok
}
