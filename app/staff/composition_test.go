package staff

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// b3File is the shape of B3's download: a title, a header, rows, totals.
const b3File = "IBOV - Carteira do Dia 28/11/26\r\n" +
	"Código;Ação;Tipo;Qtde. Teórica;Part. (%);\r\n" +
	"PETR4;PETROBRAS;PN      N2;4.556.156.612;8,123;\r\n" +
	"ITUB4;ITAUUNIBANCO;PN  EJ  N1;4.807.600.216;7,456;\r\n" +
	"NEWC3;NOVA EMPRESA AÇÚCAR;ON      NM;100.000;0,050;\r\n" +
	"Quantidade Teórica Total;;;;15,629;\r\n" +
	"Redutor;15.881.561,36940617;;;;\r\n"

func TestParseCompositionBothEncodings(t *testing.T) {
	latin1, err := charmap.ISO8859_1.NewEncoder().String(b3File)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"utf-8": b3File, "latin-1": latin1} {
		comps, err := ParseComposition([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(comps) != 3 {
			t.Fatalf("%s: %d rows, want 3 (title, header and totals skipped): %+v", name, len(comps), comps)
		}
		if c := comps[0]; c.Ticker != "PETR4" || c.Weight.String() != "8.123" {
			t.Errorf("%s: first row %+v", name, c)
		}
		if c := comps[2]; c.Name != "NOVA EMPRESA AÇÚCAR" {
			t.Errorf("%s: name %q, want the accents read right", name, c.Name)
		}
	}
	// What the preview carries to apply parses to the same rows.
	comps, _ := ParseComposition([]byte(b3File))
	again, err := ParseComposition([]byte(formatComposition(comps)))
	if err != nil || len(again) != 3 || !again[1].Weight.Equal(comps[1].Weight) || again[2].Name != comps[2].Name {
		t.Errorf("carried composition: %+v %v", again, err)
	}
	if _, err := ParseComposition([]byte("not;a;composition\n")); err == nil {
		t.Error("a file without asset rows was accepted")
	}
}
