package config

import (
	"strings"
	"testing"
	"time"
)

func TestDefaults(t *testing.T) {
	c, err := Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != "sqlite:data/stonks.db" || c.QuotesProvider != "sim" ||
		c.QuotesInterval != 10*time.Second || c.AlertsInterval != 15*time.Second || c.MailDir != "data/mail" ||
		c.BaseURL != "http://localhost:8080" || c.SecureCookies() {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestBadSettingNamesTheVariable(t *testing.T) {
	for name, value := range map[string]string{
		"QUOTES_INTERVAL": "often", "ALERTS_INTERVAL": "-5s", "DATABASE_URL": "mysql://x",
		"QUOTES_PROVIDER": "bloomberg", "SMTP_URL": "http://mail", "BASE_URL": "localhost", "ADDR": "8080",
		"EMBED_ORIGINS": "example.com", "TRUSTED_PROXIES": "10.0.0.0/8, proxy.local",
	} {
		_, err := Load(func(k string) string {
			if k == name {
				return value
			}
			return ""
		})
		if err == nil || !strings.HasPrefix(err.Error(), name+":") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s=%q: error %v, want one line starting with %s:", name, value, err, name)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	c, err := Load(func(k string) string {
		if k == "TRUSTED_PROXIES" {
			return "10.0.0.0/8, 192.168.1.7 ,fd00::/8"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.TrustedProxies {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 192.168.1.7/32 fd00::/8" {
		t.Fatalf("TRUSTED_PROXIES read as %v", got)
	}
	if d, _ := Load(func(string) string { return "" }); len(d.TrustedProxies) != 0 {
		t.Fatal("by default some proxy is trusted")
	}
}
