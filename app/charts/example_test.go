package charts_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/quotes"
)

// Candles draws daily bars; the first Lead bars only warm up the moving
// averages and are not drawn. The result is a standalone SVG document.
func ExampleCandles() {
	now := time.Date(2025, 6, 18, 18, 0, 0, 0, quotes.BRT)
	sim, _ := quotes.New("sim", quotes.Options{Seed: 1, Clock: func() time.Time { return now }})
	bars, _ := sim.History(context.Background(), "PETR4", now.AddDate(0, -4, 0), now)
	const lead = 20 // the first 20 bars feed the MM20, undrawn
	svg, err := charts.Candles(bars, charts.CandleOptions{Title: "PETR4 <3m>", Lead: lead})
	if err != nil {
		fmt.Println(err)
		return
	}
	els, err := elements(svg)
	fmt.Println("valid XML:", err == nil, "root:", els[0].Name.Local)
	fmt.Println("candles drawn:", candleShapes(els), "of", len(bars), "bars")
	fmt.Println("title escaped:", bytes.Contains(svg, []byte("PETR4 &lt;3m&gt;")))
	// Output:
	// valid XML: true root: svg
	// candles drawn: 67 of 87 bars
	// title escaped: true
}

// Pie draws a wallet's allocation, one slice per asset, labelled with its share.
func ExamplePie() {
	svg, err := charts.Pie([]charts.Slice{
		{Label: "PETR4", Value: decimal.NewFromInt(60)},
		{Label: "VALE3", Value: decimal.NewFromInt(40)},
	}, charts.PieOptions{Title: "Carteira"})
	if err != nil {
		fmt.Println(err)
		return
	}
	els, err := elements(svg)
	fmt.Println("valid XML:", err == nil, "root:", els[0].Name.Local)
	var labels []string
	for _, e := range els {
		if e.Name.Local == "text" {
			labels = append(labels, e.text)
		}
	}
	fmt.Println(strings.Join(labels, " | "))
	// Output:
	// valid XML: true root: svg
	// Carteira | PETR4 60.0% | VALE3 40.0%
}

type el struct {
	xml.StartElement
	text string
}

// elements decodes an SVG into its start elements (with their direct text).
func elements(svg []byte) ([]el, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	var out []el
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			out = append(out, el{StartElement: tok.Copy()})
		case xml.CharData:
			if len(out) > 0 {
				out[len(out)-1].text += string(tok)
			}
		}
	}
}

// candleShapes counts shapes in the candle colours: one per candle (wicks
// are neutral), less the legend's up and down symbols.
func candleShapes(els []el) int {
	up, down := charts.CandleColors()
	n := 0
	for _, e := range els {
		if e.Name.Local != "path" {
			continue
		}
		for _, a := range e.Attr {
			if (a.Name.Local == "fill" || a.Name.Local == "stroke") && (a.Value == up || a.Value == down) {
				n++
				break
			}
		}
	}
	return n - 2
}
