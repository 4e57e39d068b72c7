// Package charts draws the app's price and allocation charts as SVG on the
// server, with github.com/go-analyze/charts, so pages need no JavaScript: the
// bytes can be served as image/svg+xml for an <img src> or inlined.
//
// Output carries no <script> and no <style> block; the library's inline
// style attributes are rewritten to presentation attributes, so an inlined
// chart also renders under a CSP without 'unsafe-inline'. All text (titles,
// tickers, labels) is XML-escaped by the library's SVG writer.
//
// Prices stay decimal.Decimal through every calculation (moving averages,
// pie shares); they become float64 only in px, on the way to pixel
// coordinates.
package charts
