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
		"EMBED_ORIGINS": "example.com", "SIM_SESSION": "weekdays", "TRUSTED_PROXIES": "10.0.0.0/8, proxy.local",
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

func TestBaseURLFollowsAddr(t *testing.T) {
	for addr, want := range map[string]string{
		":8080":          "http://localhost:8080",
		"127.0.0.1:9000": "http://127.0.0.1:9000",
		"0.0.0.0:9001":   "http://localhost:9001",
		"[::1]:9002":     "http://[::1]:9002",
		"example.com:80": "http://example.com",
	} {
		c, err := Load(func(k string) string {
			if k == "ADDR" {
				return addr
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL != want || c.BaseURLWarning != "" {
			t.Errorf("ADDR=%s: BASE_URL %q (warning %q), want %q", addr, c.BaseURL, c.BaseURLWarning, want)
		}
	}
}

func TestBaseURLOnAnotherPortWarns(t *testing.T) {
	env := map[string]string{"ADDR": "127.0.0.1:9000", "BASE_URL": "http://localhost:8080"}
	c, err := Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://localhost:8080" || !strings.Contains(c.BaseURLWarning, "BASE_URL") {
		t.Errorf("BASE_URL %q, warning %q", c.BaseURL, c.BaseURLWarning)
	}
	env["BASE_URL"] = "https://stonks.example" // behind a TLS proxy: nothing to say
	if c, _ = Load(func(k string) string { return env[k] }); c.BaseURLWarning != "" {
		t.Errorf("https BASE_URL warned: %q", c.BaseURLWarning)
	}
}

func TestSimSession(t *testing.T) {
	c, _ := Load(func(string) string { return "" })
	if c.SimSession != "always" {
		t.Errorf("default SIM_SESSION %q, want always (the demo trades every day)", c.SimSession)
	}
	c, err := Load(func(k string) string {
		if k == "SIM_SESSION" {
			return "b3"
		}
		return ""
	})
	if err != nil || c.SimSession != "b3" {
		t.Errorf("SIM_SESSION=b3: %q, %v", c.SimSession, err)
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
