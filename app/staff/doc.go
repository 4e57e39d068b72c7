// Package staff is the staff's back office under /staff/: moderation, the
// markets' asset lists, the audit log and an overview.
//
// One Group in routes.go behind one guard (Handler.Guard): no session → login; no
// staff role → 403 before any handler runs; a password entered more than
// SudoTTL (15 minutes) ago → /staff/sudo/. The role is granted only from the
// command line (stonks staff USERNAME [--revoke]). Every write goes through
// Store.Audited, which writes the staff_audit row (who, action, target,
// before/after JSON) in the same transaction as the change. The tests read
// the /staff/ routes from the Fiber stack, so a new route is checked for the
// 403 and must appear in the audited-actions table.
//
// Moderation deletes rows (as an author's delete does) and leaves the author
// a moderation_notices row, shown on their profile; the live removal goes
// through the forum's own publish path. A locked room refuses posts with 403.
// Suspending sets users.suspended_at, deletes the user's sessions and ends
// their streams on every instance; login then answers 403.
//
// Assets: retiring sets assets.retired_at (the picker leaves it out;
// wallets, alerts, history, the tracker and search still find it);
// assets.weight is the % in B3's theoretical portfolio, set by the
// composition import (a preview computed without writing; apply carries
// exactly the previewed rows, upserts members and retires the rest, in one
// audited transaction). The server keeps the listed tickers in memory for
// the stream rules and data.Lookup, reloaded after every staff change on
// that instance and every minute on all. An added asset is quoted by Yahoo
// or brapi; the simulator has no price for it and leaves it unquoted.
package staff
