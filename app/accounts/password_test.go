package accounts

import (
	"testing"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
)

func TestPasswordRules(t *testing.T) {
	cases := []struct {
		pw, user, want string
	}{
		{"short1!", "ana", "This password is too short. It must contain at least 8 characters."},
		{"1234567890123", "ana", "This password is entirely numeric."},
		{"password", "ana", "This password is too common."},
		{"Qwerty123", "ana", "This password is too common."},
		{"senha123", "ana", "This password is too common."},
		{"joaosilva1", "joaosilva", "The password is too similar to the username."},
		{"marina.costa", "marina_costa", "The password is too similar to the username."},
		{"vale tudo 42", "ana", ""},
		{"correct horse 42", "joaosilva", ""},
	}
	for _, c := range cases {
		ch := forms.New(i18n.En)
		checkPasswordRules(ch, "password1", c.pw, c.user)
		if got := ch.Errors["password1"]; got != c.want {
			t.Errorf("password %q for %q: got %q, want %q", c.pw, c.user, got, c.want)
		}
	}
}

func TestSimilarityMatchesDifflib(t *testing.T) {
	// Values from Python: difflib.SequenceMatcher(a=a, b=b).ratio()
	cases := []struct {
		a, b string
		want float64
	}{
		{"abcd", "bcde", 0.75},
		{"joaosilva1", "joaosilva", 18.0 / 19},
		{"hello", "world", 0.2},
		{"", "", 1},
	}
	for _, c := range cases {
		if got := similarity(c.a, c.b); got-c.want > 1e-9 || c.want-got > 1e-9 {
			t.Errorf("similarity(%q,%q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestHashRoundTrip(t *testing.T) {
	h, err := hashPassword("vale tudo 42")
	if err != nil {
		t.Fatal(err)
	}
	if !checkPassword("vale tudo 42", h) || checkPassword("vale tudo 43", h) {
		t.Fatal("argon2id hash does not check the right password only")
	}
	if h[:9] != "$argon2id" {
		t.Fatalf("hash %q is not argon2id", h)
	}
}
