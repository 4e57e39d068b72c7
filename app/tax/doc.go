// Package tax is the monthly income-tax helper (IR, page /ir?ano=) for sales
// on B3's cash market by a resident individual: what is owed each month, by
// category, after losses carried forward and the tax withheld at source,
// and the DARF to pay.
//
// Months works each month out from the whole history: the stock sales total
// (day trades included: the cautious reading); swing-trade stock gains
// exempt when that total is at most R$ 20.000 (an exempt gain uses up no
// losses; a loss in an exempt month is carried); 15% swing, 20% day trade,
// 20% FII with no exemption; losses carried in three separate categories;
// withholding (0,005% of common sales, 1% of each day's positive net
// day-trade result) deducted, the rest carried as a credit; the DARF (code
// 6015) due by the last business day of the next month on B3's calendar; a
// DARF below R$ 10 carried into the next one. Position is the holding at
// 31/12 at cost.
//
// Every rate, threshold and code is in Rules, one dated entry per version of
// the law with its sources; RuleFor picks the one in force for a month, so a
// change in the law is one new entry (TestRuleChangeAppliesFromItsDate).
// TestWorkedExamples checks months computed by hand. Not covered: ETFs,
// BDRs, options and futures, subscription rights, bonus shares, splits and
// other corporate events, the R$ 1,00 dispensation of withholding.
package tax
