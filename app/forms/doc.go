// Package forms holds what every form shares: per-field error messages and
// the small checks that many forms use. Each feature parses and validates its
// forms in one place (its form.go) and gets back Errors to show next to fields.
//
// Required and MaxLen refuse control characters and invalid UTF-8 in every
// field (PostgreSQL cannot store a NUL); Visible refuses text with nothing
// visible; StripBidi cleans names. Number (through i18n.ParseDecimal), Cents
// and Ticker (through data.Ticker: trim, upper case, strip ".SA", B3 shape)
// read every number and ticker field of the app.
//
// Bounds of typed numbers: alert thresholds ≤ R$ 1e9 and whole cents;
// average price > 0, ≤ R$ 1e9 a share, up to 8 decimals; quantity a whole
// number ≤ 1e12; average price × quantity ≤ R$ 1e12; weight ≤ 1e9, up to 8
// decimals; contribution whole cents, ≤ R$ 1e12.
package forms
