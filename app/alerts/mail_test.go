package alerts

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// parsed is a received mail, decoded.
type parsed struct {
	from, to, subject, messageID, body string
}

func parse(t *testing.T, raw string) parsed {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("not a mail: %v\n%s", err, raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(m.Body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return parsed{from: m.Header.Get("From"), to: m.Header.Get("To"), subject: subject,
		messageID: m.Header.Get("Message-Id"), body: string(b)}
}

func buyNotice(lang string) db.AlertNotice {
	return db.AlertNotice{IdemKey: "alert-12-3-buy", AlertID: 12, UserID: 4, Kind: Buy, Email: "ana@example.com",
		Ticker: "PETR4", Lang: lang, Price: nd("29.87"), Threshold: nd("30"), CreatedAt: t0}
}

func TestEMLOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "mail") // created on first send
	fm := FileMailer{Dir: dir}
	cases := []struct {
		lang, subject string
		lines         []string
	}{
		{"pt-BR", "PETR4 entrou na sua zona de compra: R$ 29,87", []string{
			"PETR4 está a R$ 29,87, igual ou abaixo do seu preço de compra de R$ 30,00.",
			"Veja ao vivo: https://stonks.example/stocktracker?stockpicker=PETR4",
		}},
		{"en", "PETR4 entered your buy zone: R$29.87", []string{
			"PETR4 is at R$29.87, at or below your buy price of R$30.00.",
			"See it live: https://stonks.example/stocktracker?stockpicker=PETR4",
		}},
	}
	for _, tc := range cases {
		if err := fm.Send(context.Background(), Compose("https://stonks.example", buyNotice(tc.lang))); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "alert-12-3-buy.eml"))
		if err != nil {
			t.Fatal(err)
		}
		m := parse(t, string(raw))
		if m.subject != tc.subject || m.to != "<ana@example.com>" || !strings.Contains(m.from, "alerts@stonks.example") ||
			m.messageID != "<alert-12-3-buy@stonks.example>" {
			t.Fatalf("%s headers: %+v", tc.lang, m)
		}
		for _, line := range tc.lines {
			if !strings.Contains(m.body, line) {
				t.Fatalf("%s body lacks %q:\n%s", tc.lang, line, m.body)
			}
		}
	}
	// The second send with the same key replaced the first: one file, no temp files left.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("%d files in the mail dir, want 1", len(entries))
	}
}

func TestEndedMailInPortuguese(t *testing.T) {
	n := db.AlertNotice{IdemKey: "alert-5-ended", Kind: Ended, Email: "bia@example.com", Ticker: "HGLG11", Lang: "pt-BR", Price: nd("160.5"), CreatedAt: t0}
	m := Compose("http://localhost:8080", n)
	if m.Subject != "Seu alerta de HGLG11 terminou" || !strings.Contains(m.Body, "Último preço: R$ 160,50") ||
		!strings.Contains(m.Body, "http://localhost:8080/stocktracker?stockpicker=HGLG11") {
		t.Fatalf("%+v", m)
	}
}

// smtpSink is an in-process SMTP server that keeps what it receives.
type smtpSink struct {
	mu       sync.Mutex
	msgs     []string
	rcpts    []string
	authUser string
	fail     int // refuse this many DATA commands first
}

func (s *smtpSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.msgs)
}

func (s *smtpSink) NewSession(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s}, nil }

type sinkSession struct {
	sink *smtpSink
	rcpt string
}

func (s *sinkSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *sinkSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != "stonks" || pass != "s3cret" {
			return errors.New("bad credentials")
		}
		s.sink.mu.Lock()
		s.sink.authUser = user
		s.sink.mu.Unlock()
		return nil
	}), nil
}
func (s *sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.rcpt = to
	return nil
}
func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	defer s.sink.mu.Unlock()
	if s.sink.fail > 0 {
		s.sink.fail--
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	s.sink.msgs = append(s.sink.msgs, string(b))
	s.sink.rcpts = append(s.sink.rcpts, s.rcpt)
	return nil
}
func (s *sinkSession) Reset()        {}
func (s *sinkSession) Logout() error { return nil }

func startSMTP(t *testing.T, sink *smtpSink) string {
	t.Helper()
	srv := smtp.NewServer(sink)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func TestSMTPDelivery(t *testing.T) {
	sink := &smtpSink{}
	addr := startSMTP(t, sink)
	m, err := NewSMTPMailer("smtp://" + addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Send(context.Background(), Compose("http://localhost:8080", buyNotice("en"))); err != nil {
		t.Fatal(err)
	}
	// A password is never sent over a connection without TLS (this server
	// offers no STARTTLS and only PLAIN): the send fails instead.
	withPass, _ := NewSMTPMailer("smtp://stonks:s3cret@" + addr)
	if err := withPass.Send(context.Background(), Compose("http://localhost:8080", buyNotice("en"))); err == nil {
		t.Fatal("credentials offered in clear text")
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.msgs) != 1 || sink.rcpts[0] != "ana@example.com" || sink.authUser != "" {
		t.Fatalf("received %d mails to %v, auth %q", len(sink.msgs), sink.rcpts, sink.authUser)
	}
	got := parse(t, sink.msgs[0])
	if got.subject != "PETR4 entered your buy zone: R$29.87" || !strings.Contains(got.body, "http://localhost:8080/stocktracker?stockpicker=PETR4") {
		t.Fatalf("mail %+v", got)
	}
}

// The whole path over SMTP: engine, outbox, a refused first attempt, the retry.
func TestSenderOverSMTPRetries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		sink := &smtpSink{fail: 1}
		addr := startSMTP(t, sink)
		r := newRig(t, store)
		m, _ := NewSMTPMailer("smtp://" + addr)
		r.sender.Mailer = m
		r.quotes.set("PETR4", "20")
		r.alert(t, "PETR4", "25", "", 5, 10)
		r.cycle(t)
		if _, err := r.sender.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		if sink.count() != 0 {
			t.Fatal("the server refused the first attempt")
		}
		r.clock.add(time.Minute)
		if n := r.deliver(t); n != 1 || sink.count() != 1 {
			t.Fatalf("retry sent %d, server has %d", n, sink.count())
		}
		if n := r.deliver(t); n != 0 || sink.count() != 1 {
			t.Fatal("sent twice")
		}
	})
}
