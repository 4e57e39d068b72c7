package forum_test

import (
	"testing"

	"github.com/stonks-b3/stonks/app/forum"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Comprei $PETR4 e $hglg11.", `Comprei <a class="cashtag" href="/stocktracker?stockpicker=PETR4">$PETR4</a> e <a class="cashtag" href="/stocktracker?stockpicker=HGLG11">$HGLG11</a>.`},
		{"R$PETR4 e $PETR e $100000 e $PETR4X", "R$PETR4 e $PETR e $100000 e $PETR4X"},
		{"veja https://example.com/a?b=1&c=2.", `veja <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">https://example.com/a?b=1&amp;c=2</a>.`},
		{"(http://b3.com.br)", `(<a href="http://b3.com.br" rel="nofollow noopener">http://b3.com.br</a>)`},
		{"javascript:alert(1) data:text/html,x ftp://x.org", "javascript:alert(1) data:text/html,x ftp://x.org"},
		{`<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{`http://x.org/"onmouseover="alert(1)`, `<a href="http://x.org/" rel="nofollow noopener">http://x.org/</a>&#34;onmouseover=&#34;alert(1)`},
		{`https://x.org/<script>`, `<a href="https://x.org/" rel="nofollow noopener">https://x.org/</a>&lt;script&gt;`},
		{"http:// nada", "http:// nada"},
		{"linha 1\nlinha 2 & 'aspas'", "linha 1\nlinha 2 &amp; &#39;aspas&#39;"},
	} {
		if got := string(forum.Format(tc.in)); got != tc.want {
			t.Errorf("Format(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
