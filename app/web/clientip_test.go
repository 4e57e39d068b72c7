package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// The in-process test peer is 0.0.0.0 (fiber's app.Test).
func TestClientIP(t *testing.T) {
	peer := netip.MustParsePrefix("0.0.0.0/32")
	proxies := netip.MustParsePrefix("10.0.0.0/8")
	cases := []struct {
		name    string
		trusted []netip.Prefix
		xff     []string
		want    string
	}{
		{"no proxies trusted", nil, []string{"203.0.113.5"}, "0.0.0.0"},
		{"untrusted peer spoofing the header", []netip.Prefix{proxies}, []string{"203.0.113.5"}, "0.0.0.0"},
		{"trusted peer", []netip.Prefix{peer}, []string{"203.0.113.5"}, "203.0.113.5"},
		{"trusted peer without header", []netip.Prefix{peer}, nil, "0.0.0.0"},
		{"client-written hops left of the real one", []netip.Prefix{peer}, []string{"6.6.6.6, 203.0.113.5"}, "203.0.113.5"},
		{"several trusted hops", []netip.Prefix{peer, proxies}, []string{"6.6.6.6, 203.0.113.5, 10.1.2.3", "10.0.0.1"}, "203.0.113.5"},
		{"all hops trusted", []netip.Prefix{peer, proxies}, []string{"10.0.0.2, 10.0.0.1"}, "10.0.0.2"},
		{"garbage stops at the last vouched address", []netip.Prefix{peer, proxies}, []string{"203.0.113.5, nonsense, 10.0.0.1"}, "10.0.0.1"},
		{"IPv6 client", []netip.Prefix{peer}, []string{"2001:db8::1"}, "2001:db8::1"},
	}
	for _, tc := range cases {
		app := fiber.New()
		app.Use(ClientAddress(tc.trusted))
		var got string
		app.Get("/", func(c *fiber.Ctx) error { got = ClientIP(c); return nil })
		req := httptest.NewRequest("GET", "/", nil)
		for _, v := range tc.xff {
			req.Header.Add("X-Forwarded-For", v)
		}
		if _, err := app.Test(req, -1); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s: client %q, want %q", tc.name, got, tc.want)
		}
	}
}
