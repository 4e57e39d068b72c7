// Package views embeds the HTML templates: pages/ (whole pages, which include
// partials/head and partials/foot) and partials/ (fragments, each rendered by
// exactly one template for the full page, htmx swaps and live SSE updates).
package views

import "embed"

//go:embed pages partials
var FS embed.FS
