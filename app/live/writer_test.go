package live

import (
	"strings"
	"testing"
)

// Frames already sent from the replay window are dropped when r3labs
// delivers them again; later frames and comments pass.
func TestRespWriterDropsReplayed(t *testing.T) {
	dropped := false
	q := newQueue("ab-", 1, 1<<20, func() { dropped = true })
	w := newRespWriter(q, 0)
	w.skipUpTo = 11
	for _, f := range []string{
		"id: ab-10\ndata: old\n\n",
		": comment\n\n",
		"id: zz-99\ndata: foreign prefix passes\n\n",
		"id: ab-11\ndata: old\n\n",
		"id: ab-12\ndata: new\nevent: x\n\n",
		"id: ab-13\ndata: new\n\n",
	} {
		w.Write([]byte(f))
		w.Flush()
	}
	got := string(*q.take())
	want := ": comment\n\nid: zz-99\ndata: foreign prefix passes\n\nid: ab-12\ndata: new\nevent: x\n\nid: ab-13\ndata: new\n\n"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	if w.skipUpTo != 0 || dropped {
		t.Fatalf("skipUpTo %d, dropped %v", w.skipUpTo, dropped)
	}
}

func TestRespWriterOverflow(t *testing.T) {
	dropped := 0
	q := newQueue("ab-", 1, 100, func() { dropped++ })
	w := newRespWriter(q, 0)
	frame := "id: ab-1\ndata: " + strings.Repeat("x", 30) + "\n\n"
	for range 5 {
		w.Write([]byte(frame))
		w.Flush()
	}
	if dropped != 1 || q.take() != nil {
		t.Fatalf("dropped %d times", dropped)
	}
}

func TestAppendFrameMatchesR3labs(t *testing.T) {
	got := string(appendFrame(nil, []byte("ab-1"), []byte("PETR4"), []byte("<b>\n1</b>")))
	want := "id: ab-1\ndata: <b>\ndata: 1</b>\nevent: PETR4\n\n"
	if got != want {
		t.Fatalf("got %q", got)
	}
}
