package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"sync"

	"github.com/stonks-b3/stonks/static"
)

// funcs are the few helpers templates need beyond the Locale's methods.
var funcs = template.FuncMap{
	// dict builds a map to pass several values to a partial: {{template "partials/x" dict "L" $.L "Row" .}}
	"asset": asset,
	// live names the page's live stream (its room) for partials/head, which
	// opens the page's one event stream with it and the user's notices:
	// {{template "partials/head" (live . .Room)}}. Not a string, or "": none.
	"live": func(data map[string]any, stream any) map[string]any {
		if s, ok := stream.(string); ok && s != "" {
			data["LiveStream"] = s
		}
		return data
	},
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, errors.New("dict: keys must be strings")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

var assetURLs sync.Map

// asset returns the URL of a static file with a hash of its content, so the
// file can be cached for a year and still change with each release.
func asset(name string) (string, error) {
	if u, ok := assetURLs.Load(name); ok {
		return u.(string), nil
	}
	b, err := fs.ReadFile(static.FS, name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	u := "/static/" + name + "?v=" + hex.EncodeToString(sum[:4])
	assetURLs.Store(name, u)
	return u, nil
}
