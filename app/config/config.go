// Package config reads the settings of CONTRACT.md from the environment.
// A bad value stops the start with one line naming the variable.
package config

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// Config holds every setting; the zero value is not useful, use Load.
type Config struct {
	Addr           string
	DatabaseURL    string
	QuotesProvider string
	QuotesInterval time.Duration
	AlertsInterval time.Duration
	SMTPURL        string
	MailDir        string
	BaseURL        string
	BrapiToken     string
	EmbedOrigins   []string
	// SimSession is when the simulator trades: "always" (the demo) or "b3".
	SimSession string
	// BaseURLWarning is set when BASE_URL was given but names another port
	// than ADDR listens on: links in e-mails and embed snippets may be wrong.
	BaseURLWarning string
	TrustedProxies []netip.Prefix
}

// Setting describes one environment variable, for --help and the README.
type Setting struct{ Name, Default, Meaning string }

// Settings lists the variables in the order --help prints them.
var Settings = []Setting{
	{"ADDR", ":8080", "listen address"},
	{"DATABASE_URL", "sqlite:data/stonks.db", "postgres://… for PostgreSQL, or sqlite: followed by a file path"},
	{"QUOTES_PROVIDER", "sim", "sim (offline, deterministic), yahoo, brapi"},
	{"QUOTES_INTERVAL", "10s", "how often live quotes are refreshed (Go duration)"},
	{"ALERTS_INTERVAL", "15s", "how often the alert engine looks for due alerts"},
	{"SMTP_URL", "", "smtp://user:pass@host:port; empty: write .eml files to MAIL_DIR"},
	{"MAIL_DIR", "data/mail", "where .eml files go when SMTP_URL is empty"},
	{"BASE_URL", "", "public URL, used in e-mails and embed snippets; empty: http:// + ADDR (localhost when the host is empty)"},
	{"BRAPI_TOKEN", "", "brapi.dev token, for QUOTES_PROVIDER=brapi"},
	{"EMBED_ORIGINS", "", "space-separated origins allowed to frame /embed/…; empty: any"},
	{"SIM_SESSION", "always", "when the simulator trades: always (every day, around the clock: the demo) or b3 (B3 hours on business days)"},
	{"TRUSTED_PROXIES", "", "CIDRs of reverse proxies whose X-Forwarded-For gives the client address (space- or comma-separated); empty: trust none"},
}

// Load reads the settings through getenv (os.Getenv in main, a map in tests).
func Load(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, s := range Settings {
			if s.Name == name {
				return s.Default
			}
		}
		return ""
	}
	c := Config{
		Addr:           get("ADDR"),
		DatabaseURL:    get("DATABASE_URL"),
		QuotesProvider: get("QUOTES_PROVIDER"),
		SMTPURL:        get("SMTP_URL"),
		MailDir:        get("MAIL_DIR"),
		BaseURL:        strings.TrimRight(get("BASE_URL"), "/"),
		BrapiToken:     get("BRAPI_TOKEN"),
		EmbedOrigins:   strings.Fields(get("EMBED_ORIGINS")),
		SimSession:     get("SIM_SESSION"),
	}
	var err error
	if c.QuotesInterval, err = duration("QUOTES_INTERVAL", get("QUOTES_INTERVAL")); err != nil {
		return c, err
	}
	if c.AlertsInterval, err = duration("ALERTS_INTERVAL", get("ALERTS_INTERVAL")); err != nil {
		return c, err
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return c, fmt.Errorf("ADDR: %q is not a listen address like :8080 or 127.0.0.1:8080", c.Addr)
	}
	if !strings.HasPrefix(c.DatabaseURL, "sqlite:") && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return c, fmt.Errorf("DATABASE_URL: %q must start with postgres:// or sqlite: (then a file path)", c.DatabaseURL)
	}
	if c.DatabaseURL == "sqlite:" {
		return c, fmt.Errorf("DATABASE_URL: sqlite: needs a file path, like sqlite:data/stonks.db")
	}
	switch c.QuotesProvider {
	case "sim", "yahoo", "brapi":
	default:
		return c, fmt.Errorf("QUOTES_PROVIDER: %q is not one of sim, yahoo, brapi", c.QuotesProvider)
	}
	if c.QuotesProvider == "brapi" && c.BrapiToken == "" {
		return c, fmt.Errorf("BRAPI_TOKEN: needed when QUOTES_PROVIDER=brapi")
	}
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return c, fmt.Errorf("SMTP_URL: %q is not like smtp://user:pass@host:port", c.SMTPURL)
		}
	}
	switch c.SimSession {
	case "always", "b3":
	default:
		return c, fmt.Errorf("SIM_SESSION: %q is not one of always, b3", c.SimSession)
	}
	if c.BaseURL == "" {
		c.BaseURL = baseURLFromAddr(c.Addr)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("BASE_URL: %q is not an http(s) URL", c.BaseURL)
	}
	if _, port, _ := net.SplitHostPort(c.Addr); u.Scheme == "http" && u.Port() != port && !(u.Port() == "" && port == "80") {
		c.BaseURLWarning = fmt.Sprintf("BASE_URL %s does not use the port ADDR %s listens on; fine behind a proxy, wrong otherwise", c.BaseURL, c.Addr)
	}
	for _, o := range c.EmbedOrigins {
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("EMBED_ORIGINS: %q is not an origin like https://example.com", o)
		}
	}
	if c.TrustedProxies, err = prefixes("TRUSTED_PROXIES", get("TRUSTED_PROXIES")); err != nil {
		return c, err
	}
	return c, nil
}

// prefixes reads space- or comma-separated CIDRs; a bare address means
// that one host.
func prefixes(name, v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("%s: %q is not a CIDR like 10.0.0.0/8 or an address", name, s)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// SecureCookies says whether cookies get the Secure flag (the site is served over https).
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// baseURLFromAddr is the URL a browser on this machine reaches ADDR at.
func baseURLFromAddr(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	switch host {
	case "", "0.0.0.0", "::":
		host = "localhost"
	}
	if port == "80" {
		return "http://" + host
	}
	return "http://" + net.JoinHostPort(host, port)
}

func duration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: %q is not a positive Go duration like 10s or 1m", name, v)
	}
	return d, nil
}
