// Package static embeds the CSS, vendored JavaScript and images served under /static/.
package static

import "embed"

//go:embed css js img
var FS embed.FS
