package charts

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/i18n"
)

func TestLinesAccessibleAndLocalised(t *testing.T) {
	var days []time.Time
	var wallet, index []decimal.NullDecimal
	for i := range 30 {
		days = append(days, time.Date(2026, 3, 2+i, 0, 0, 0, 0, time.UTC))
		wallet = append(wallet, decimal.NewNullDecimal(decimal.NewFromInt(int64(1000+i*10))))
		v := decimal.NewNullDecimal(decimal.NewFromInt(int64(1000 - i)))
		if i == 3 {
			v = decimal.NullDecimal{} // a gap
		}
		index = append(index, v)
	}
	for _, tc := range []struct {
		l           *i18n.Locale
		label, date string
	}{{i18n.PtBR, "1.150", "02/03/26"}, {i18n.En, "1,150", "03/02/26"}} {
		layout := "02/01/06"
		if tc.l == i18n.En {
			layout = "01/02/06"
		}
		svg, err := Lines(days, []Line{{"Wallet", wallet}, {"IBOV", index}}, LineOptions{
			Title: "Wallet & IBOV", Desc: "Wallet <vs> IBOV", Locale: tc.l, DateLayout: layout,
		})
		if err != nil {
			t.Fatal(err)
		}
		els := parse(t, svg)
		if els[0].name != "svg" || els[0].attrs["role"] != "img" || els[1].name != "title" || els[1].text != "Wallet & IBOV" ||
			els[2].name != "desc" || els[2].text != "Wallet <vs> IBOV" {
			t.Fatalf("%s: root and first children: %+v %+v %+v", tc.l.Code, els[0], els[1], els[2])
		}
		var texts []string
		for _, e := range els {
			if e.name == "text" {
				texts = append(texts, e.text)
			}
		}
		all := strings.Join(texts, "|")
		for _, want := range []string{tc.label, tc.date, "Wallet", "IBOV"} {
			if !strings.Contains("|"+all+"|", "|"+want+"|") {
				t.Errorf("%s: no label %q in %s", tc.l.Code, want, all)
			}
		}
	}
}
