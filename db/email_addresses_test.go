package db_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

var day0 = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func TestAlertCapHoldsUnderParallelCreates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		var wg sync.WaitGroup
		var mu sync.Mutex
		refused := 0
		for i := 0; i < db.MaxAlertsPerUser+30; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := &db.Alert{UserID: ana.ID, Email: ana.Email, Ticker: "PETR4", PeriodMinutes: 15, DurationDays: 1,
					Lang: "en", CreatedAt: day0, ExpiresAt: day0.AddDate(0, 0, 1), NextCheckAt: day0}
				err := s.CreateAlert(ctx, a)
				if errors.Is(err, db.ErrTooManyAlerts) {
					mu.Lock()
					refused++
					mu.Unlock()
				} else if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		rows, err := s.AlertsOf(ctx, ana.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != db.MaxAlertsPerUser || refused != 30 {
			t.Fatalf("%d alerts stored, %d refused; want %d and 30", len(rows), refused, db.MaxAlertsPerUser)
		}
	})
}

func TestConfirmationRequestsAndTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana, bob := user(t, s, "ana"), user(t, s, "bob")
		for i := 0; i < 5; i++ { // many alerts, one request
			if err := s.RequestConfirmation(ctx, ana.ID, "Stranger@Example.com", "en", day0); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RequestConfirmation(ctx, bob.ID, "stranger@example.com", "pt-BR", day0); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueConfirmations(ctx, day0, 10)
		if err != nil || len(due) != 2 || due[0].Email != "stranger@example.com" {
			t.Fatalf("due %+v %v; want one per user", due, err)
		}
		anaRow := due[0]
		if anaRow.UserID != ana.ID {
			anaRow = due[1]
		}
		if err := s.ConfirmationToken(ctx, anaRow.ID, "hash-ana", day0.Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.ConfirmationSent(ctx, anaRow.ID, day0); err != nil {
			t.Fatal(err)
		}
		// A still-valid link: asking again mails nothing.
		if err := s.RequestConfirmation(ctx, ana.ID, "stranger@example.com", "en", day0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueConfirmations(ctx, day0.Add(time.Hour), 10); len(due) != 1 || due[0].UserID != bob.ID {
			t.Fatalf("due %+v; want only bob's", due)
		}
		if _, err := s.ConfirmByToken(ctx, "hash-ana", day0.Add(49*time.Hour)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("expired token: %v", err)
		}
		e, err := s.ConfirmByToken(ctx, "hash-ana", day0.Add(time.Hour))
		if err != nil || e.UserID != ana.ID {
			t.Fatalf("confirm: %+v %v", e, err)
		}
		if _, err := s.ConfirmByToken(ctx, "hash-ana", day0.Add(time.Hour)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("second use: %v", err)
		}
		if ok, _ := s.AddressConfirmed(ctx, ana.ID, "stranger@example.com"); !ok {
			t.Fatal("ana's address not confirmed")
		}
		if ok, _ := s.AddressConfirmed(ctx, bob.ID, "stranger@example.com"); ok {
			t.Fatal("ana's link confirmed bob's address too")
		}
		// An expired, unconfirmed link may be asked for again.
		bobRow, _ := s.DueConfirmations(ctx, day0, 10)
		_ = s.ConfirmationToken(ctx, bobRow[0].ID, "hash-bob", day0.Add(48*time.Hour))
		_ = s.ConfirmationSent(ctx, bobRow[0].ID, day0)
		if err := s.RequestConfirmation(ctx, bob.ID, "stranger@example.com", "pt-BR", day0.Add(50*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueConfirmations(ctx, day0.Add(50*time.Hour), 10); len(due) != 1 || due[0].UserID != bob.ID {
			t.Fatalf("due %+v; want bob's again after expiry", due)
		}
		n, err := s.SentSince(ctx, []string{"stranger@example.com"}, day0.Add(-time.Minute), true)
		if err != nil || n["stranger@example.com"] != 1 {
			t.Fatalf("sent since: %v %v", n, err)
		}
	})
}
