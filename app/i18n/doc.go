// Package i18n picks the visitor's language (pt-BR first, English too) and
// formats text, numbers and money for it with golang.org/x/text.
//
// Money is shopspring/decimal; Locale.Money formats it exactly as
// "R$ 1.234,56" or "R$1,234.56": the digits come from the decimal itself
// (never an int64 or a float64, so R$ 1e20 keeps every digit), the
// separators are the ones x/text uses for the locale.
//
// Rounding, one rule for every figure on a page: values are computed exactly
// and rounded once, when displayed, half away from zero (1,005 → 1,01;
// -1,005 → -1,01; 2,675 → 2,68). Money and percentages show 2 decimals; an
// average price all its decimals, at least 2 (Locale.Price); share counts
// are whole. Inputs are not rounded: a threshold or contribution with more
// than 2 decimals is refused. TestRoundingTies holds the ties.
//
// ParseDecimal is the app's one number parser, in the page's language: pt-BR
// "1.234,56", "1234,56", "1.000" (one thousand), "R$ 1.000,00"; English
// "1,234.56". A grouping separator must be followed by exactly three digits
// and the decimal separator comes once, after any grouping; spaces (no-break
// ones too) may surround the number, follow R$ or group thousands. Anything
// else is refused, never guessed: "1.5" or "10.00" in pt-BR get "Use vírgula
// para decimais". A refused form shows each number it could read back in the
// page's language, so the user sees what was understood.
package i18n
