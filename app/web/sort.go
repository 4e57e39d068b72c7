package web

import (
	"net/url"
	"slices"
)

// SortHeader is a sortable column heading: a plain link, so sorting works
// without JavaScript (partials/sort_header renders it).
type SortHeader struct {
	Label, Key, URL string
	Active, Desc    bool
}

// SortHeaders makes the column links of a table at path, keeping the query
// values in keep; labels pairs each sort key with its heading. A second
// click on the active column flips its direction.
func SortHeaders(path string, keep url.Values, by, dir string, labels [][2]string) map[string]SortHeader {
	out := make(map[string]SortHeader, len(labels))
	for _, l := range labels {
		q := url.Values{}
		for k, v := range keep {
			q[k] = v
		}
		q.Set("sort", l[0])
		if by == l[0] && dir != "desc" {
			q.Set("dir", "desc")
		}
		out[l[0]] = SortHeader{Label: l[1], Key: l[0], URL: path + "?" + q.Encode(), Active: by == l[0], Desc: by == l[0] && dir == "desc"}
	}
	return out
}

// SortRows orders rows stably by the column named by (descending when dir is
// "desc"); rows for which last is true stay at the end either way. An
// unknown column leaves the order alone.
func SortRows[T any](rows []T, by, dir string, columns map[string]func(a, b T) int, last func(T) bool) {
	compare, ok := columns[by]
	if !ok {
		return
	}
	slices.SortStableFunc(rows, func(a, b T) int {
		if la, lb := last(a), last(b); la != lb {
			if la {
				return 1
			}
			return -1
		}
		if dir == "desc" {
			return compare(b, a)
		}
		return compare(a, b)
	})
}
