package wallet

import (
	"math"
	"sort"

	"github.com/shopspring/decimal"
)

// workLimit bounds the branch and bound: past it the best plan found so far
// is returned, marked as not proven optimal. It counts work (terms of the
// bound evaluated, and a leaf's exact check as 50), not time, so the same
// wallet always gets the same plan. A unit took 7–10 ns, so the limit is
// about 30–40 ms (extrapolated: no wallet tried reached it); proven plans
// for 40 random 100-holding wallets took 0.22–0.6 M units, 5 ms at most.
const workLimit = 4_000_000

// problem is the contribution plan as a small integer program:
//
//	minimise Σ_k (a_k − b_k·x_k)²   over whole x_k in [lo_k, hi_k]
//	subject to Σ_k c_k·x_k ≤ budget
//
// where x_k is the number of shares of k bought (negative: sold). The exact
// objective uses decimals (a, b: the distance times (Σ nota)², so nothing is
// divided); the budget uses integers (prices and amount in units of 10^-places);
// floats only guide the search and prune it, with a safety margin, so the
// plan chosen is decided by exact comparisons.
type problem struct {
	a, b   []decimal.Decimal // exact: target×Σnota − value×Σnota, price×Σnota
	g, p   []float64         // the same in reais, for bounds: gap and price
	c      []int64           // price in units
	lo, hi []int64
	budget int64   // amount in units
	unit   float64 // reais per unit: 10^-places
}

// solution is the solver's answer, in the problem's order.
type solution struct {
	x      []int64
	proven bool // the search finished: no whole-share plan is closer
	work   int
}

// exactDistance is Σ (a_k − b_k·x_k)², exact.
func (pr *problem) exactDistance(x []int64) decimal.Decimal {
	d := zero
	for k := range pr.a {
		r := pr.a[k].Sub(pr.b[k].Mul(decimal.NewFromInt(x[k])))
		d = d.Add(r.Mul(r))
	}
	return d
}

// bb is one branch-and-bound search. Variables are visited by price,
// dearest first: they decide the most, and the cheap ones at the bottom are
// nearly continuous, so the Lagrangian bound is tight there.
type bb struct {
	pr      *problem
	order   []int // search position → problem index
	g, p    []float64
	c       []int64
	lo, hi  []int64
	minCost []int64 // minCost[d] = Σ_{j≥d} c_j·lo_j: below it no plan is feasible
	x       []int64 // in search order
	best    []int64 // in problem order
	bestF   float64
	bestE   decimal.Decimal
	m       float64 // the largest |g| or |p·x|: residuals are computed to about an ulp of it
	unit    float64
	nodes   int
	work    int
	limit   int
	aborted bool
}

func solve(pr *problem, limit int) solution {
	s := solveBB(pr, limit)
	return solution{x: s.best, proven: !s.aborted, work: s.work}
}

func solveBB(pr *problem, limit int) *bb {
	n := len(pr.a)
	s := &bb{pr: pr, order: make([]int, n), unit: pr.unit, limit: limit}
	for i := range s.order {
		s.order[i] = i
	}
	sort.SliceStable(s.order, func(i, j int) bool { return pr.p[s.order[i]] > pr.p[s.order[j]] })
	s.g, s.p, s.c = make([]float64, n), make([]float64, n), make([]int64, n)
	s.lo, s.hi, s.x = make([]int64, n), make([]int64, n), make([]int64, n)
	s.minCost = make([]int64, n+1)
	m := 1.0
	for d, k := range s.order {
		s.g[d], s.p[d], s.c[d], s.lo[d], s.hi[d] = pr.g[k], pr.p[k], pr.c[k], pr.lo[k], pr.hi[k]
		m = max(m, math.Abs(pr.g[k])+pr.p[k]*float64(max(-pr.lo[k], pr.hi[k], 1)))
	}
	for d := n - 1; d >= 0; d-- {
		s.minCost[d] = s.minCost[d+1] + s.c[d]*s.lo[d]
	}
	s.m = m
	// Start from doing nothing (always feasible: lo ≤ 0 ≤ hi), so the answer
	// is never worse than the wallet as it is.
	s.best = make([]int64, n)
	s.bestE = pr.exactDistance(s.best)
	s.bestF = s.floatDistance(s.best)
	if n > 0 {
		s.dfs(0, pr.budget, 0)
	}
	return s
}

// dfs explores the plans that fix x[0:d] as they are, with budget units
// left and cum the float objective of the fixed part.
//
// Bound. For any λ ≥ 0 the Lagrangian
//
//	Σ_{k≥d} min over whole x in [lo,hi] of ((g_k − p_k·x)² + 2λ·p_k·x) − 2λ·B
//
// is below every feasible plan's objective (B: the budget in reais); it is
// concave in λ, so a golden-section search finds a λ that makes it tight.
// With that λ fixed, the bound of the child that sets x_d = x is
// cum + (g_d − λ − p_d·x)² + const, a parabola in x: children are visited
// from its vertex outwards and each side stops at the first child whose
// bound is above the best plan, since farther ones are higher still.
func (s *bb) dfs(d int, budget int64, cum float64) {
	if s.aborted {
		return
	}
	s.nodes++
	if s.work > s.limit {
		s.aborted = true
		return
	}
	if budget < s.minCost[d] {
		return
	}
	if d == len(s.x)-1 {
		s.leaf(d, budget, cum)
		return
	}
	lambda, q, mag := s.dual(d, budget)
	if cum+q > s.bestF+s.margin(mag, cum+q) {
		return
	}
	h := s.g[d] - lambda
	rest := q - s.term(d, lambda) + 2*lambda*s.g[d] - lambda*lambda // q without x_d's term, plus its constant part
	bound := func(x int64) float64 {
		r := h - s.p[d]*float64(x)
		return cum + r*r + rest
	}
	down := min(max(int64(math.Floor(h/s.p[d])), s.lo[d]), s.hi[d])
	up := down + 1
	for !s.aborted {
		canDown := down >= s.lo[d] && bound(down) <= s.bestF+s.margin(mag, bound(down))
		canUp := up <= s.hi[d] && budget-s.c[d]*up >= s.minCost[d+1] && bound(up) <= s.bestF+s.margin(mag, bound(up))
		var x int64
		switch {
		case canDown && (!canUp || bound(down) <= bound(up)):
			x, down = down, down-1
		case canUp:
			x, up = up, up+1
		default:
			return
		}
		r := s.g[d] - s.p[d]*float64(x)
		s.x[d] = x
		s.dfs(d+1, budget-s.c[d]*x, cum+r*r)
	}
}

// leaf sets the last variable to its best feasible value and keeps the plan
// when it is closer, compared exactly.
func (s *bb) leaf(d int, budget int64, cum float64) {
	top := min(s.hi[d], floorDiv(budget, s.c[d]))
	if top < s.lo[d] {
		return
	}
	f := math.Floor(s.g[d] / s.p[d])
	tried := int64(math.MinInt64)
	for _, v := range []float64{f, f + 1} {
		x := min(max(int64(v), s.lo[d]), top)
		if x == tried {
			continue
		}
		tried = x
		r := s.g[d] - s.p[d]*float64(x)
		if cum+r*r > s.bestF+s.margin(0, cum+r*r) {
			continue
		}
		s.x[d] = x
		plan := make([]int64, len(s.x))
		for i, k := range s.order {
			plan[k] = s.x[i]
		}
		s.work += 50 * len(s.x)
		if e := s.pr.exactDistance(plan); e.LessThan(s.bestE) {
			s.best, s.bestE, s.bestF = plan, e, s.floatDistance(plan)
		}
	}
}

// term is min over whole x in [lo_k, hi_k] of (g_k − p_k·x)² + 2λ·p_k·x,
// written as (g_k − λ − p_k·x)² + 2λ·g_k − λ²: the best x is next to (g_k − λ) ÷ p_k.
func (s *bb) term(k int, lambda float64) float64 {
	h := s.g[k] - lambda
	f := math.Floor(h / s.p[k])
	lo, hi := float64(s.lo[k]), float64(s.hi[k])
	r1 := h - s.p[k]*min(max(f, lo), hi)
	r2 := h - s.p[k]*min(max(f+1, lo), hi)
	return min(r1*r1, r2*r2) + 2*lambda*s.g[k] - lambda*lambda
}

// margin is how far a float objective or bound f may be from the exact one:
// sums are off by about (terms + 1) round-offs of the magnitudes summed
// (mag: the bound's λ terms), and each residual g − p·x by about an ulp of
// m, which moves its square by 2·|r|·ulp(m), Σ|r| ≤ √(n·Σr²). Both are taken
// about 50 times over; a plan within the margin is compared exactly.
func (s *bb) margin(mag, f float64) float64 {
	n := float64(len(s.x) + 1)
	f = max(f, 0) + s.bestF
	return 1e-14*n*(mag+f) + 1e-13*s.m*math.Sqrt(n*(f+1)) + 1e-9
}

// dual maximises the Lagrangian bound of the variables from d on over λ
// (golden section: the function is concave) and returns the best λ seen,
// its bound and the magnitude of the bound's λ terms (for margin).
// Every λ gives a valid bound; the search only tightens it.
func (s *bb) dual(d int, budget int64) (float64, float64, float64) {
	B := float64(budget) * s.unit
	q := func(lambda float64) float64 {
		s.work += len(s.x) - d
		t := -2 * lambda * B
		for k := d; k < len(s.x); k++ {
			t += s.term(k, lambda)
		}
		return t
	}
	// Past top every x_k sits at lo_k and the bound only falls (the budget
	// covers Σ c·lo, checked by the caller).
	top := 0.0
	for k := d; k < len(s.x); k++ {
		top = max(top, s.g[k]-s.p[k]*float64(s.lo[k])+s.p[k])
	}
	bestL, bestQ := 0.0, q(0)
	const phi = 0.6180339887498949
	a, b := 0.0, top
	x1, x2 := b-phi*(b-a), a+phi*(b-a)
	f1, f2 := q(x1), q(x2)
	for range 40 {
		if f1 < f2 {
			a, x1, f1 = x1, x2, f2
			x2 = a + phi*(b-a)
			f2 = q(x2)
		} else {
			b, x2, f2 = x2, x1, f1
			x1 = b - phi*(b-a)
			f1 = q(x1)
		}
	}
	for _, c := range [][2]float64{{x1, f1}, {x2, f2}} {
		if c[1] > bestQ {
			bestL, bestQ = c[0], c[1]
		}
	}
	mag := 2 * bestL * math.Abs(B)
	for k := d; k < len(s.x); k++ {
		mag += 2*bestL*math.Abs(s.g[k]) + bestL*bestL
	}
	return bestL, bestQ, mag
}

// floatDistance is the objective in reais² (the search's scale), of a plan
// in problem order.
func (s *bb) floatDistance(x []int64) float64 {
	f := 0.0
	for k := range x {
		r := s.pr.g[k] - s.pr.p[k]*float64(x[k])
		f += r * r
	}
	return f
}

// floorDiv is ⌊a ÷ b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
