package i18n

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		loc  *Locale
		in   string
		want string // the value, or "" when refused with err
		err  NumErr
	}{
		// pt-BR: the point groups thousands, the comma is the decimal mark.
		{PtBR, "1.000", "1000", NumOK},
		{PtBR, "10.000", "10000", NumOK},
		{PtBR, "1.000.000", "1000000", NumOK},
		{PtBR, "1.234,56", "1234.56", NumOK},
		{PtBR, "1234,56", "1234.56", NumOK},
		{PtBR, "R$ 1.000,00", "1000", NumOK},
		{PtBR, "R$1.000", "1000", NumOK},
		{PtBR, "r$ 12,5", "12.5", NumOK},
		{PtBR, "  12,50\t", "12.5", NumOK},
		{PtBR, "\u00a0R$\u00a01.000,50\u00a0", "1000.5", NumOK},
		{PtBR, "12", "12", NumOK},
		{PtBR, "0,123456789", "0.123456789", NumOK},
		{PtBR, ",5", "0.5", NumOK},
		{PtBR, "-1,5", "-1.5", NumOK},
		{PtBR, "-R$ 1.000", "-1000", NumOK},
		{PtBR, "R$ -3", "-3", NumOK},
		{PtBR, "12.345", "12345", NumOK},
		{PtBR, "007", "7", NumOK},
		{PtBR, "1.5", "", NumSeparator},
		{PtBR, "12.50", "", NumSeparator},
		{PtBR, "10.00", "", NumSeparator},
		{PtBR, "1.00,5", "", NumSeparator},
		{PtBR, "1000.000", "", NumSeparator},
		{PtBR, ".500", "", NumSeparator},
		{PtBR, "1,234.56", "", NumSeparator},
		{PtBR, "1,5,0", "", NumSeparator},
		{PtBR, "1..000", "", NumSeparator},
		{PtBR, "", "", NumEmpty},
		{PtBR, "   ", "", NumEmpty},
		{PtBR, "R$", "", NumEmpty},
		{PtBR, "-", "", NumInvalid},
		{PtBR, "5,", "", NumInvalid},
		{PtBR, ",", "", NumInvalid},
		{PtBR, "doze", "", NumInvalid},
		{PtBR, "1e5", "", NumInvalid},
		{PtBR, "NaN", "", NumInvalid},
		{PtBR, "--5", "", NumInvalid},
		{PtBR, "+5", "", NumInvalid},
		{PtBR, "1 234,5", "1234.5", NumOK},
		{PtBR, "1\u00a0000\u202f000", "1000000", NumOK},
		{PtBR, "1 5", "", NumSeparator},
		{PtBR, "1. 000", "", NumSeparator},
		{PtBR, "١٢", "", NumInvalid},
		{PtBR, "US$ 5", "", NumInvalid},
		{PtBR, "12345678901234567890123456789012345678901", "", NumInvalid},
		// English: the comma groups, the point is the decimal mark.
		{En, "1,234.56", "1234.56", NumOK},
		{En, "1,000", "1000", NumOK},
		{En, "1,000,000.5", "1000000.5", NumOK},
		{En, "R$1,234.56", "1234.56", NumOK},
		{En, "R$ 1,000.00", "1000", NumOK},
		{En, "1.5", "1.5", NumOK},
		{En, "1.000", "1", NumOK},
		{En, "12.345", "12.345", NumOK},
		{En, "-0.5", "-0.5", NumOK},
		{En, "1,5", "", NumSeparator},
		{En, "12,50", "", NumSeparator},
		{En, "1,00.5", "", NumSeparator},
		{En, "1.234,56", "", NumSeparator},
		{En, "1000,000", "", NumSeparator},
		{En, "1 234.5", "1234.5", NumOK},
		{En, "5.", "", NumInvalid},
		{En, "abc", "", NumInvalid},
	}
	for _, c := range cases {
		d, err := ParseDecimal(c.loc, c.in)
		if err != c.err {
			t.Errorf("%s ParseDecimal(%q) error %d, want %d", c.loc.Code, c.in, err, c.err)
			continue
		}
		if c.err == NumOK && !d.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s ParseDecimal(%q) = %s, want %s", c.loc.Code, c.in, d, c.want)
		}
	}
}

// What a form shows back is read back as the same value, in both languages.
func TestInputRoundTrip(t *testing.T) {
	cases := []struct{ in, pt, en string }{
		{"1000", "1.000,00", "1,000.00"},
		{"1234567.5", "1.234.567,50", "1,234,567.50"},
		{"12.345", "12,345", "12.345"},
		{"12.3400", "12,34", "12.34"},
		{"0.12345678", "0,12345678", "0.12345678"},
		{"999999999999", "999.999.999.999,00", "999,999,999,999.00"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		for _, lc := range []struct {
			l    *Locale
			want string
		}{{PtBR, c.pt}, {En, c.en}} {
			got := lc.l.Input(d, 2)
			if got != lc.want {
				t.Errorf("%s Input(%s) = %q, want %q", lc.l.Code, c.in, got, lc.want)
			}
			if back, err := ParseDecimal(lc.l, got); err != NumOK || !back.Equal(d) {
				t.Errorf("%s ParseDecimal(Input(%s)) = %s, %d", lc.l.Code, c.in, back, err)
			}
		}
	}
}

// Every figure is rounded once, at display, half away from zero: ties at
// the third decimal go up for positives and down for negatives, and values
// that float64 cannot hold exactly (2,675) round as written.
func TestRoundingTies(t *testing.T) {
	cases := []struct{ in, pt, en string }{
		{"1.005", "R$ 1,01", "R$1.01"},
		{"1.015", "R$ 1,02", "R$1.02"},
		{"2.675", "R$ 2,68", "R$2.68"},
		{"0.125", "R$ 0,13", "R$0.13"},
		{"-1.005", "-R$ 1,01", "-R$1.01"},
		{"-0.005", "-R$ 0,01", "-R$0.01"},
		{"1.0049999", "R$ 1,00", "R$1.00"},
		{"999.995", "R$ 1.000,00", "R$1,000.00"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := PtBR.Money(d); got != c.pt {
			t.Errorf("pt-BR Money(%s) = %q, want %q", c.in, got, c.pt)
		}
		if got := En.Money(d); got != c.en {
			t.Errorf("en Money(%s) = %q, want %q", c.in, got, c.en)
		}
	}
	if got := PtBR.Percent(decimal.RequireFromString("12.345")); got != "12,35%" {
		t.Errorf("Percent(12.345) = %q", got)
	}
	if got := PtBR.Percent(decimal.RequireFromString("-12.345")); got != "-12,35%" {
		t.Errorf("Percent(-12.345) = %q", got)
	}
}

// Amounts past 2^63 reais keep every digit (they went through int64 once).
func TestMoneyBeyondInt64(t *testing.T) {
	cases := []struct{ in, pt, en string }{
		{"9223372036854775807", "R$ 9.223.372.036.854.775.807,00", "R$9,223,372,036,854,775,807.00"},
		{"9223372036854775808", "R$ 9.223.372.036.854.775.808,00", "R$9,223,372,036,854,775,808.00"},
		{"123456789012345678901234.5", "R$ 123.456.789.012.345.678.901.234,50", "R$123,456,789,012,345,678,901,234.50"},
		{"-18446744073709551616", "-R$ 18.446.744.073.709.551.616,00", "-R$18,446,744,073,709,551,616.00"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := PtBR.Money(d); got != c.pt {
			t.Errorf("pt-BR Money(%s) = %q, want %q", c.in, got, c.pt)
		}
		if got := En.Money(d); got != c.en {
			t.Errorf("en Money(%s) = %q, want %q", c.in, got, c.en)
		}
	}
}

// An average price keeps its decimals on the page.
func TestPrice(t *testing.T) {
	cases := []struct{ in, pt, en string }{
		{"12.5", "R$ 12,50", "R$12.50"},
		{"12.345", "R$ 12,345", "R$12.345"},
		{"1234.12345678", "R$ 1.234,12345678", "R$1,234.12345678"},
		{"160.1230", "R$ 160,123", "R$160.123"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := PtBR.Price(d); got != c.pt {
			t.Errorf("pt-BR Price(%s) = %q, want %q", c.in, got, c.pt)
		}
		if got := En.Price(d); got != c.en {
			t.Errorf("en Price(%s) = %q, want %q", c.in, got, c.en)
		}
	}
}
