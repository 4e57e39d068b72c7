// Package wallet is the user's portfolio ("carteira"): holdings with an
// average price, a quantity and a target weight (nota); a table that says
// what to buy to reach the weights, a contribution planner, allocation pies
// (app/charts), and CSV export and import (all or nothing). The arithmetic
// is pure: Compute in rebalance.go, PlanContribution in solve.go.
//
// # Rules
//
//   - Weights. A holding's target is its weight over the sum of the weights
//     of the quoted holdings: quero% = nota ÷ Σ nota, quero$ = patrimonio ×
//     nota ÷ Σ nota, falta$ = quero$ − total.
//   - Holdings without a quote cannot be valued, so they have no target: they
//     are out of patrimonio, of Σ nota (the others still add up to 100%), of
//     the plan and of the weights pie, and the page says so next to the
//     total. They come back with their first price.
//   - Orders. Buy (Comprar) when at least one whole share is missing (falta$
//     ≥ price), Sell (Vender) when at least one share's value is over its
//     target (−falta$ ≥ price), otherwise Wait (Aguardar); vol is ⌊|falta$| ÷
//     price⌋, never more than held. Without any weight above zero there is no
//     advice (Wait, not "sell everything").
//   - Rounding: computed exactly, rounded once when shown (see app/i18n);
//     money and percentages 2 decimals, an average price all its decimals.
//
// # The plan
//
// The plan is the whole-share plan closest to the targets: least
// Σ (target − value)² in reais, with T = patrimonio + amount (money left over
// is cash in the wallet, so targets are nota ÷ Σ nota × T). It never spends
// more than the amount; with "rebalancear vendendo" (vender=1) it may also
// sell whole shares held (never more) and spend what they bring. It is
// solved exactly as a small integer program by branch and bound: dearest
// assets first, a Lagrangian bound (per-asset best whole share at a
// multiplier λ found by golden section; the dual is concave); the budget in
// integer cents, the objective compared in exact decimals (floats only prune,
// with a margin). The search is bounded by a work count, so it is
// deterministic; when it stops early the page says the plan is the closest
// found, not proven, and it is never farther from the targets than the
// wallet as it is. TestPlanMatchesBruteForce checks it against brute force;
// BenchmarkPlan100 is 100 holdings.
//
// # Holdings and operations
//
// Shares and average prices derive from the user's operations (app/returns):
// a holding typed here is its opening balance, and once an asset has other
// operations its shares and price cannot be typed (db.ErrFromOperations);
// a CSV import then takes only its weight. At most db.MaxWalletItems
// holdings, counted inside the create's or import's transaction under the
// user's row lock. The export has two formats (?format=br|intl, by default
// the page's language): br is what Excel in Portuguese opens as columns
// (";", decimal commas, a UTF-8 BOM). An import reads numbers by the file's
// separator, not the page's language. The table re-fetches itself when its
// quote room ticks; its rendered rows are cached (rowcache.go).
package wallet
