package tax

import "github.com/shopspring/decimal"

// Rule is the law as in force from From on. A change in the law is one new
// entry with its start date; months before it keep the old figures.
type Rule struct {
	From string // first day (YYYY-MM-DD) of the first month the rule applies to

	// Stock sales in a month up to this total are exempt (swing trade only).
	StockExemption decimal.Decimal
	SwingRate      decimal.Decimal // stocks, common operations (swing trade)
	DayTradeRate   decimal.Decimal // stocks bought and sold on the same day
	FIIRate        decimal.Decimal // real-estate fund quotas, any gain, no exemption
	// Withheld at source ("dedo-duro"): on the value of common sales, and
	// on day-trade gains.
	SwingWithholding    decimal.Decimal
	DayTradeWithholding decimal.Decimal
	DARFMinimum         decimal.Decimal // a DARF below this is added to the next month's
	DARFCode            string

	Sources []Source
}

// Source is a legal basis cited on the page.
type Source struct {
	What, Law string
}

func pct(s string) decimal.Decimal { return decimal.RequireFromString(s).Shift(-2) }

// Rules is the table, oldest first.
var Rules = []Rule{{
	From:                "2005-01-01", // Lei 11.033/2004 art. 3 took effect on 01/01/2005
	StockExemption:      decimal.NewFromInt(20000),
	SwingRate:           pct("15"),
	DayTradeRate:        pct("20"),
	FIIRate:             pct("20"),
	SwingWithholding:    pct("0.005"),
	DayTradeWithholding: pct("1"),
	DARFMinimum:         decimal.NewFromInt(10),
	DARFCode:            "6015",
	Sources: []Source{
		{"Stock sales of up to R$ 20.000,00 in a month are exempt (not day trades)", "Lei 11.033/2004, art. 3º, I"},
		{"15% on net gains of common operations; 0,005% withheld on the value of sales", "Lei 11.033/2004, art. 2º, II and §1º"},
		{"20% on day-trade gains; 1% withheld on them; day-trade losses offset only day-trade gains", "IN RFB 1.585/2015, art. 65"},
		{"20% on gains selling real-estate fund (FII) quotas, no exemption", "Lei 8.668/1993, art. 18 (wording of Lei 9.779/1999)"},
		{"Losses carried forward to later months; withholding deducted; paid by DARF code 6015 by the last business day of the month after the sale", "IN RFB 1.585/2015, arts. 46–61"},
		{"A DARF below R$ 10,00 is not paid but added to the next one", "Lei 9.430/1996, art. 68"},
	},
}}

// RuleFor is the rule in force for month (YYYY-MM) in rules.
func RuleFor(rules []Rule, month string) Rule {
	r := rules[0]
	for _, x := range rules {
		if x.From <= month+"-01" {
			r = x
		}
	}
	return r
}
