package usernames

import "testing"

func TestKeyMakesLookAlikesOne(t *testing.T) {
	for _, s := range []string{"admin", "ADMIN", "ａｄｍｉｎ", "ad\u200bmin", "\u202eadmin", " Admin "} {
		if got := Key(s); got != "admin" {
			t.Errorf("Key(%q) = %q, want admin", s, got)
		}
	}
	if Key("straße") != Key("STRASSE") {
		t.Error("ß and SS are not one key")
	}
	if Clean("Jose\u0301") != "josé" {
		t.Errorf("decomposed accent not composed: %q", Clean("Jose\u0301"))
	}
	if Key("аdmin") == "admin" { // Cyrillic а: refused by the sign-up form's script rule instead
		t.Error("Cyrillic а folded into Latin a")
	}
}
