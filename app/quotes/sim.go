package quotes

import (
	"context"
	"hash/fnv"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/db/data"
)

// The simulator is a pure function of (seed, ticker, time): daily bars come
// from a hash-seeded random walk per ticker per business day, and the
// intraday price from a seeded walk over 5-second steps that starts at the
// day's open, touches its high and low and ends at its close. Nothing is
// stored but caches, so years of history always agree with live quotes.
const (
	simStepSec   = 5
	sessionOpen  = 10 * time.Hour // B3 cash market, BRT
	sessionClose = 17 * time.Hour
	// reversion pulls log price back toward the reference price (per day) so
	// decades of walk stay plausible; half-life about 6 months.
	reversion = 0.004
)

// simStart is the first simulated session (a Monday).
var simStart = time.Date(2010, 1, 4, 0, 0, 0, 0, BRT)

type sim struct {
	seed        int64
	clock       func() time.Time
	cal         calendar
	open, close time.Duration // the session within each trading day, BRT

	mu     sync.Mutex
	series map[string]*series
}

func newSim(opts Options) *sim {
	s := &sim{seed: opts.Seed, clock: opts.Clock, cal: 5, open: sessionOpen, close: sessionClose, series: map[string]*series{}}
	if opts.SimAlways {
		s.cal, s.open, s.close = 7, 0, 24*time.Hour
	}
	return s
}

func (s *sim) Name() string { return "sim" }

// series is the cached walk of one ticker. Prices are kept in integer cents.
type series struct {
	asset data.Asset
	key   uint64
	sd    float64 // daily volatility of log returns
	vol   float64 // mean daily volume

	cal         calendar
	open, close time.Duration // session hours, from the sim
	steps       int           // 5-second steps in a session

	mu       sync.Mutex
	bars     []cbar  // index = business day since simStart
	pathDay  int     // which day path belongs to, -1 for none
	path     []int64 // intraday cents at each 5 s step, steps+1 points
	pathHigh []int64 // running max of path
	pathLow  []int64 // running min of path
}

type cbar struct{ o, h, l, c, v int64 }

func (s *sim) get(ticker string) (*series, bool) {
	a, ok := data.Lookup(ticker)
	if !ok || !a.RefPrice.IsPositive() {
		return nil, false // an asset listed at run time has no reference to simulate from
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sr, ok := s.series[a.Ticker]; ok {
		return sr, true
	}
	h := fnv.New64a()
	h.Write([]byte(a.Ticker))
	sr := &series{
		asset:   a,
		key:     mix(h.Sum64() ^ mix(uint64(s.seed))),
		sd:      annualVol(a) / math.Sqrt(252),
		pathDay: -1,
		cal:     s.cal,
		open:    s.open,
		close:   s.close,
		steps:   int((s.close - s.open) / (simStepSec * time.Second)),
	}
	turnover := 0.004 // fraction of shares traded per day
	if a.Market == data.IFIX {
		turnover = 0.003
	}
	sr.vol = float64(a.Shares) * turnover
	s.series[a.Ticker] = sr
	return sr, true
}

// annualVol: banks and utilities are calm, commodities and retail/tech
// swing more, real-estate funds (especially credit ones) barely move.
func annualVol(a data.Asset) float64 {
	s := strings.ToLower(a.Sector)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	if a.Market == data.IFIX {
		switch {
		case has("papel"):
			return 0.07
		case has("fundo de fundos", "multiestratégia"):
			return 0.10
		}
		return 0.13
	}
	switch {
	case has("transporte aéreo"):
		return 0.70
	case has("bancos", "seguros", "energia elétrica", "saneamento", "telecom", "holding", "serviços financeiros", "bebidas"):
		return 0.22
	case has("mineração", "petróleo", "siderurgia", "petroquímica", "combustíveis", "celulose", "açúcar", "alimentos"):
		return 0.35
	case has("varejo", "tecnologia", "educação", "construção", "saúde", "academias", "calçados", "cosméticos", "locação", "aluguel"):
		return 0.45
	}
	return 0.30
}

// calendar is the number of trading days in each week from Monday: 5 for
// B3's business days, 7 for the demo that trades every day.
type calendar int

// index maps a BRT midnight to its trading-day index; ok is false on days
// without trading and before simStart.
func (c calendar) index(d time.Time) (int, bool) {
	days := int(d.Sub(simStart) / (24 * time.Hour))
	if days < 0 {
		return 0, false
	}
	n := int(c)
	w, r := days/7, days%7
	if r >= n {
		return w*n + n - 1, false // the last trading day before
	}
	return w*n + r, true
}

// day is the BRT midnight of trading day i.
func (c calendar) day(i int) time.Time {
	n := int(c)
	return simStart.AddDate(0, 0, i/n*7+i%n)
}

// ensure computes bars up to index i (plus some slack). The walk always
// restarts from simStart so the result never depends on call order.
func (sr *series) ensure(i int) {
	if i < len(sr.bars) {
		return
	}
	n := i + 64
	bars := make([]cbar, n)
	mean := math.Log(sr.asset.RefPrice.InexactFloat64() * 100)
	x := mean
	for d := range n {
		z0, z1 := normals(sr.key, uint64(d), 0)
		z2, z3 := normals(sr.key, uint64(d), 1)
		z4, _ := normals(sr.key, uint64(d), 2)
		gap := 0.3 * sr.sd * z1
		r := reversion*(mean-x) + sr.sd*z0
		xo, xc := x+gap, x+r
		up := 0.5 * sr.sd * math.Abs(z2)
		dn := 0.5 * sr.sd * math.Abs(z3)
		o, c := cents(xo), cents(xc)
		b := cbar{o: o, c: c}
		b.h = max(o, c, cents(math.Max(xo, xc)+up))
		b.l = min(o, c, cents(math.Min(xo, xc)-dn))
		b.v = int64(sr.vol * math.Exp(0.4*z4-0.08))
		bars[d] = b
		x = xc
	}
	sr.bars = bars
}

func cents(x float64) int64 { return max(1, int64(math.Round(math.Exp(x)))) }

// intraday builds (once per day) the 5-second path for day i: a Brownian
// bridge through open → high/low (in random order and times) → close,
// clamped to the day's range, so live quotes end exactly on the daily bar.
func (sr *series) intraday(i int) {
	if sr.pathDay == i {
		return
	}
	b := sr.bars[i]
	key := mix(sr.key ^ 0x1d4e)
	tH := 1 + int(mix(key^mix(uint64(i)<<1))%uint64(sr.steps-2))
	tL := 1 + int(mix(key^mix(uint64(i)<<1|1))%uint64(sr.steps-2))
	if tL == tH {
		tL = tH + 1
	}
	type anchor struct {
		t int
		x float64
	}
	lo, hi := math.Log(float64(b.l)), math.Log(float64(b.h))
	as := []anchor{{0, math.Log(float64(b.o))}, {tH, hi}, {tL, lo}, {sr.steps, math.Log(float64(b.c))}}
	if tL < tH {
		as[1], as[2] = as[2], as[1]
	}
	step := sr.sd / math.Sqrt(float64(sr.steps)) * 1.5
	path := make([]int64, sr.steps+1)
	w := make([]float64, sr.steps+1)
	for s := 0; s < 3; s++ {
		a, z := as[s], as[s+1]
		w[a.t] = 0
		for k := a.t + 1; k <= z.t; k++ {
			w[k] = w[k-1] + step*uniform(key, uint64(i), uint64(k))
		}
		span := float64(z.t - a.t)
		for k := a.t; k <= z.t; k++ {
			f := float64(k-a.t) / span
			x := a.x + f*(z.x-a.x) + w[k] - f*w[z.t]
			path[k] = min(b.h, max(b.l, int64(math.Round(math.Exp(math.Min(hi, math.Max(lo, x)))))))
		}
	}
	// Pin the anchors exactly (exp/log round trips may be off by a cent).
	path[0], path[sr.steps] = b.o, b.c
	for _, a := range as[1:3] {
		if a.x == hi {
			path[a.t] = b.h
		} else {
			path[a.t] = b.l
		}
	}
	ph, pl := make([]int64, len(path)), make([]int64, len(path))
	ph[0], pl[0] = path[0], path[0]
	for k := 1; k < len(path); k++ {
		ph[k], pl[k] = max(ph[k-1], path[k]), min(pl[k-1], path[k])
	}
	sr.path, sr.pathHigh, sr.pathLow, sr.pathDay = path, ph, pl, i
}

// session finds the latest session visible at t: its index, the bar as
// known at t (partial while trading) and when that state was observed.
func (sr *series) session(t time.Time) (i int, b cbar, at time.Time, ok bool) {
	t = t.In(BRT)
	d := day(t)
	i, biz := sr.cal.index(d)
	if d.Before(simStart) || (i == 0 && (!biz || t.Sub(d) < sr.open)) {
		return 0, cbar{}, time.Time{}, false
	}
	if biz && t.Sub(d) < sr.open {
		i-- // before today's open the last session is yesterday's
	}
	sr.ensure(i)
	b = sr.bars[i]
	start := sr.cal.day(i).Add(sr.open)
	if elapsed := t.Sub(start); elapsed < sr.close-sr.open {
		k := int(elapsed / (simStepSec * time.Second))
		sr.intraday(i)
		b = cbar{o: b.o, h: sr.pathHigh[k], l: sr.pathLow[k], c: sr.path[k], v: b.v * int64(k+1) / int64(sr.steps+1)}
		return i, b, start.Add(time.Duration(k) * simStepSec * time.Second), true
	}
	return i, b, sr.cal.day(i).Add(sr.close), true
}

func (s *sim) Quotes(ctx context.Context, tickers []string) (map[string]Quote, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := s.clock()
	out := make(map[string]Quote, len(tickers))
	for _, t := range normalize(tickers) {
		sr, ok := s.get(t)
		if !ok {
			continue
		}
		if q, ok := sr.quote(now); ok {
			out[q.Ticker] = q
		}
	}
	return out, nil
}

func (sr *series) quote(now time.Time) (Quote, bool) {
	sr.mu.Lock()
	defer sr.mu.Unlock()
	i, b, at, ok := sr.session(now)
	if !ok {
		return Quote{}, false
	}
	prev := b.o
	if i > 0 {
		prev = sr.bars[i-1].c
	}
	lo52, hi52 := b.l, b.h
	for j := max(0, i-251); j < i; j++ {
		lo52, hi52 = min(lo52, sr.bars[j].l), max(hi52, sr.bars[j].h)
	}
	price := money(b.c)
	return Quote{
		Ticker:    sr.asset.Ticker,
		Price:     price,
		PrevClose: decimal.NewNullDecimal(money(prev)),
		Open:      decimal.NewNullDecimal(money(b.o)),
		DayLow:    decimal.NewNullDecimal(money(b.l)),
		DayHigh:   decimal.NewNullDecimal(money(b.h)),
		Low52:     decimal.NewNullDecimal(money(lo52)),
		High52:    decimal.NewNullDecimal(money(hi52)),
		Volume:    b.v,
		MarketCap: price.Mul(decimal.NewFromInt(sr.asset.Shares)),
		Time:      at,
	}, true
}

func (s *sim) History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, _ := data.Ticker(ticker)
	sr, ok := s.get(t)
	if !ok {
		return nil, ErrNotFound
	}
	sr.mu.Lock()
	defer sr.mu.Unlock()
	last, today, _, ok := sr.session(s.clock())
	if !ok {
		return nil, nil
	}
	first := 0
	if f := day(from); f.After(simStart) {
		i, biz := sr.cal.index(f)
		first = i
		if !biz {
			first++ // the Friday before is outside [from, to]
		}
	}
	end := last
	if t := day(to); t.Before(simStart) {
		return nil, nil
	} else if j, _ := sr.cal.index(t); j < end {
		end = j
	}
	if first > end {
		return nil, nil
	}
	bars := make([]Bar, 0, end-first+1)
	for i := first; i <= end; i++ {
		b := sr.bars[i]
		if i == last {
			b = today // possibly a partial bar while the session is open
		}
		bars = append(bars, Bar{Day: sr.cal.day(i), Open: money(b.o), High: money(b.h), Low: money(b.l), Close: money(b.c), Volume: b.v})
	}
	return bars, nil
}

func money(c int64) decimal.Decimal { return decimal.New(c, -2) }

// mix is SplitMix64's finalizer: a cheap, well-spread hash.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// normals are two independent standard normal draws addressed by
// (key, i, j), via Box-Muller.
func normals(key, i, j uint64) (float64, float64) {
	h1 := mix(key ^ mix(i<<12|j&0xfff) ^ j>>12)
	h2 := mix(h1)
	u1 := (float64(h1>>11) + 0.5) / (1 << 53)
	u2 := float64(h2>>11) / (1 << 53)
	r, a := math.Sqrt(-2*math.Log(u1)), 2*math.Pi*u2
	return r * math.Cos(a), r * math.Sin(a)
}

// uniform is a cheap zero-mean, unit-variance draw for the many intraday
// steps; summed over thousands of steps it is as good as a normal.
func uniform(key, i, j uint64) float64 {
	h := mix(key ^ mix(i<<16|j))
	return (float64(h>>11)/(1<<53) - 0.5) * math.Sqrt(12)
}
