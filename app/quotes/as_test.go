package quotes

import (
	"testing"
	"time"
)

type wrapper struct{ Provider }

func (w wrapper) Unwrap() Provider { return w.Provider }

// A provider wrapped (to count its calls, say) keeps its traits: the demo
// sim still trades around the clock and still pays proventos.
func TestAsLooksThroughWrappers(t *testing.T) {
	sim, err := New("sim", Options{Seed: 1, SimAlways: true, Clock: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	p := wrapper{wrapper{sim}}
	if a, ok := As[alwaysOpen](p); !ok || !a.AlwaysOpen() {
		t.Error("the wrapped demo sim lost its hours")
	}
	if _, ok := As[DividendSource](p); !ok {
		t.Error("the wrapped sim lost its proventos")
	}
	svc := NewService(p, nil)
	if open, _ := svc.Session(time.Date(2026, 11, 28, 22, 0, 0, 0, BRT)); !open {
		t.Error("the service says the wrapped demo is closed on a Saturday night")
	}
}
