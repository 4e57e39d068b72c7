package web

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

const clientIPKey = "stonks.client_ip"

// ClientAddress finds the client's address once per request, for ClientIP.
// Behind a reverse proxy every connection comes from the proxy, so when the
// peer is one of trusted (TRUSTED_PROXIES) the address is read from
// X-Forwarded-For: the right-most hop that is not itself a trusted proxy.
// Hops to the left of it were written by the client and prove nothing.
// An untrusted peer's X-Forwarded-For is ignored: anyone can send one.
func ClientAddress(trusted []netip.Prefix) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Locals(clientIPKey, clientIP(c, trusted))
		return c.Next()
	}
}

// ClientIP is the client's address, for throttles and logs. It is a string
// of its own (not fasthttp's reused buffer), safe to keep.
func ClientIP(c *fiber.Ctx) string {
	if ip, ok := c.Locals(clientIPKey).(string); ok {
		return ip
	}
	return clientIP(c, nil)
}

func clientIP(c *fiber.Ctx, trusted []netip.Prefix) string {
	peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return strings.Clone(c.IP())
	}
	ip := peer.Unmap()
	if !isTrusted(ip, trusted) {
		return ip.String()
	}
	var hops []string
	for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		hops = append(hops, strings.Split(string(v), ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // garbage: keep the last address a trusted proxy vouched for
		}
		ip = hop.Unmap()
		if !isTrusted(ip, trusted) {
			break
		}
	}
	return ip.String()
}

func isTrusted(ip netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
