package alerts

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
	gomail "github.com/wneessen/go-mail"
)

// Mail is one e-mail ready to go. Key is the notice's idempotency key: it
// names the .eml file and the Message-ID, so a re-send after a crash
// replaces the file, and mail clients see the same message twice as one.
type Mail struct {
	Key, From, To, Subject, Body string
	Date                         time.Time
}

// Mailer delivers mail: SMTP when SMTP_URL is set, else .eml files.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// Compose writes the mail of a notice in the alert's language, with the
// ticker, price, threshold and a link to the tracker.
func Compose(baseURL string, n db.AlertNotice) Mail {
	l := i18n.Get(n.Lang)
	if l == nil {
		l = i18n.PtBR
	}
	link := baseURL + "/stocktracker?stockpicker=" + url.QueryEscape(n.Ticker)
	var subject string
	switch n.Kind {
	case Buy:
		subject = l.T("%s entered your buy zone: %s", n.Ticker, l.Money(n.Price.Decimal))
	case Sell:
		subject = l.T("%s entered your sell zone: %s", n.Ticker, l.Money(n.Price.Decimal))
	default:
		subject = l.T("Your alert for %s has ended", n.Ticker)
	}
	var b strings.Builder
	b.WriteString(l.T("Hello,") + "\n\n")
	b.WriteString(Describe(l, n) + "\n")
	if n.Kind == Ended {
		b.WriteString(l.T("It ran for the days you chose; create a new alert to keep watching.") + "\n")
		if n.Price.Valid {
			b.WriteString(l.T("Last price: %s", l.Money(n.Price.Decimal)) + "\n")
		}
	} else {
		b.WriteString(l.T("We will not write again while the price stays there, only after it leaves this zone and comes back.") + "\n")
	}
	b.WriteString("\n" + l.T("See it live: %s", link) + "\n")
	b.WriteString(l.T("Your alerts: %s", baseURL+"/alerts/") + "\n\n-- \nStonks\n")
	return Mail{Key: n.IdemKey, From: fromAddress(baseURL), To: n.Email, Subject: subject, Body: b.String(), Date: n.CreatedAt}
}

// ComposeConfirmation writes the mail with the link that confirms e's
// address, in the language of the request. It carries nothing the
// requesting account typed but the address itself, so it cannot carry spam.
func ComposeConfirmation(baseURL string, e db.EmailAddress, token string, now time.Time) Mail {
	l := i18n.Get(e.Lang)
	if l == nil {
		l = i18n.PtBR
	}
	var b strings.Builder
	b.WriteString(l.T("Hello,") + "\n\n")
	b.WriteString(l.T("A Stonks account asked to send price alerts to %s.", e.Email) + "\n")
	b.WriteString(l.T("To receive them, confirm this address: %s", baseURL+"/confirm-email/"+token+"/") + "\n\n")
	b.WriteString(l.T("The link works for 48 hours. If you did not expect this mail, ignore it: nothing will be sent to you.") + "\n\n-- \nStonks\n")
	return Mail{Key: "confirm-" + itoa(e.ID) + "-" + itoa(now.UnixNano()), From: fromAddress(baseURL), To: e.Email,
		Subject: l.T("Confirm your address for Stonks alerts"), Body: b.String(), Date: now}
}

// ComposePasswordReset writes the mail with the link that sets a new
// password for the account username, in the language of the request.
func ComposePasswordReset(baseURL, lang, username, email, token string, lifetime time.Duration, now time.Time) Mail {
	l := i18n.Get(lang)
	if l == nil {
		l = i18n.PtBR
	}
	var b strings.Builder
	b.WriteString(l.T("Hello,") + "\n\n")
	b.WriteString(l.T("Someone asked to reset the password of the Stonks account %s.", username) + "\n")
	b.WriteString(l.T("To choose a new password, open this link: %s", baseURL+"/password-reset/"+token+"/") + "\n\n")
	b.WriteString(l.T("The link works once, for %d minutes. If you did not ask for it, ignore this mail: your password stays as it is.", int(lifetime/time.Minute)) + "\n\n-- \nStonks\n")
	// Named by part of the token's hash: unique, and no use to whoever reads the name.
	return Mail{Key: "reset-" + HashToken(token)[:16], From: fromAddress(baseURL), To: email,
		Subject: l.T("Reset your Stonks password"), Body: b.String(), Date: now}
}

func fromAddress(baseURL string) string {
	host := "localhost"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "Stonks <alerts@" + host + ">"
}

// message builds the MIME message both mailers send.
func message(m Mail) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(m.From); err != nil {
		return nil, err
	}
	if err := msg.To(m.To); err != nil {
		return nil, err
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(m.Date)
	domain := m.From[strings.LastIndex(m.From, "@")+1:]
	msg.SetMessageIDWithValue(m.Key + "@" + strings.TrimSuffix(domain, ">"))
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	return msg, nil
}

// FileMailer writes each mail as Dir/{key}.eml, atomically (temp file and
// rename), so a reader never sees half a message and a re-send overwrites.
type FileMailer struct{ Dir string }

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// Path is where the mail with key goes.
func (f FileMailer) Path(key string) string {
	return filepath.Join(f.Dir, unsafeName.ReplaceAllString(key, "_")+".eml")
}

// Send writes the file.
func (f FileMailer) Send(_ context.Context, m Mail) error {
	msg, err := message(m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.Dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(f.Dir, ".mail-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := msg.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f.Path(m.Key))
}

// NewMailer is the mailer the settings ask for: SMTP when SMTP_URL is
// set, else .eml files in MAIL_DIR. Alerts and account mail share it.
func NewMailer(cfg config.Config) (Mailer, error) {
	if cfg.SMTPURL != "" {
		return NewSMTPMailer(cfg.SMTPURL)
	}
	return FileMailer{Dir: cfg.MailDir}, nil
}

// SMTPMailer sends through the server of an smtp:// or smtps:// URL.
type SMTPMailer struct {
	URL     *url.URL
	Timeout time.Duration
}

// NewSMTPMailer reads SMTP_URL (config.Load has checked its shape).
func NewSMTPMailer(raw string) (*SMTPMailer, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("SMTP_URL: %w", err)
	}
	return &SMTPMailer{URL: u, Timeout: 30 * time.Second}, nil
}

// Send dials, sends one message and quits.
func (s *SMTPMailer) Send(ctx context.Context, m Mail) error {
	msg, err := message(m)
	if err != nil {
		return err
	}
	opts := []gomail.Option{gomail.WithTimeout(s.Timeout), gomail.WithTLSPolicy(gomail.TLSOpportunistic)}
	port := 587
	if s.URL.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	}
	if p := s.URL.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return fmt.Errorf("SMTP_URL: bad port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if user := s.URL.User.Username(); user != "" {
		pass, _ := s.URL.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(user), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(s.URL.Hostname(), opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
