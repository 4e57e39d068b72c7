// Package alerts is price alerts: the user's alert pages (one file per
// action, form.go), the engine that checks them (engine.go) and the outbox
// sender that mails the notices (sender.go, mail.go).
//
// # Engine
//
// Every ALERTS_INTERVAL (a singleton gocron job) the engine lists the
// tickers of the active alerts whose next_check_at has come (a scan: an
// index on next_check_at would stop PostgreSQL from updating rows in place);
// asks the quote service for all of them in one batched Refresh; and then,
// in one transaction, reads the due alerts and decides each one's zone with
// the rule of Decide: at or below compra is "buy", at or above venda is
// "sell", else "neutral". Only entering buy or
// sell makes a notice; staying there does not, leaving and coming back does.
// A new alert has next_check_at = now, so the next cycle checks it. When
// expires_at (created + duracao days) comes, one "ended" notice is written
// and the alert is expired.
//
// # Outbox
//
// On PostgreSQL the whole cycle after the quote call is one statement,
// db.CheckDueAlerts: the rule of Decide written in SQL, the update and the
// outbox insert in data-modifying CTEs, so 100k alerts never travel to Go
// and back (about 1.3–1.6 s for 100k due alerts here). On SQLite,
// db.DecideDueAlerts reads the due alerts, runs Decide in Go and writes the
// new state (one VALUES list per 5,000) and the notices in one transaction.
// Both read the alerts after the quote call, in the transaction that writes
// them, so an alert edited or deleted meanwhile is decided as it now is;
// both return only the notices they inserted, and only those get a toast.
// TestEngineDecisionTable runs the same table through both. A notice's
// idem_key is alert-{id}-{crossing}-{zone} (alert-{id}-ended-{expiry} for
// the end), unique in the table and inserted with ON CONFLICT DO NOTHING: a cycle repeated after a
// crash writes nothing twice, and the crossing counter moves only when the
// transaction commits.
//
// # Delivery
//
// The sender (its own job, and kicked without waiting after a cycle that
// wrote notices, so a slow mail server never holds the engine up) claims a
// batch of pending notices (their next attempt moved 10 minutes on, with
// SKIP LOCKED on PostgreSQL, so two senders never take the same notice),
// mails each, then marks it sent; a failure is retried with exponential
// backoff (30 s doubling to 1 h). It starts no mail once its context ends
// or half its claim has passed; the rest is due again when the claim ends. A crash after the mail but
// before the mark sends again under the same key: the .eml file is named by
// the key, so it is overwritten, and over SMTP the Message-ID is the key, so
// mail clients see one message. Mails are written in the language the user
// had when creating the alert. A toast with the same text is published to
// the user's own stream (live.User) after the commit; it is best effort,
// the mail is the record. Mail goes through go-mail over SMTP_URL, or to
// .eml files in MAIL_DIR (NewMailer; account mail shares it).
//
// # Notices on the site
//
// Notices are kept: /notifications/ lists the user's newest, newest first,
// and marks them read (alert_notices.read_at; the page reads before marking,
// so it still shows which were new). The navbar shows the unread count
// (partials/notice_count, one COUNT on the partial index
// alert_notices_unread, run only when the navbar is rendered); each toast
// carries the same element out of band with the new count. On a page with
// #alert-list, a notice event makes the list fetch itself again (stonks.js
// triggers notice-arrived).
//
// # Confirmed addresses and limits
//
// Alert mail goes only to an address the user has confirmed
// (db.EmailAddress): a blank e-mail field means the account's address, and
// saving an alert asks for a confirmation of its address (also done at
// sign-up for the account's own). The sender mails the link: it makes a
// random token, stores only its SHA-256 with a 48-hour expiry, and mails
// /confirm-email/{token}/. Opening the link shows a button (GET changes
// nothing, so mail scanners confirm nothing); the POST confirms once. One
// address gets one link per lifetime per account, however many alerts name
// it, and at most ConfirmationsPerHour links an hour from all accounts.
// Notices to an unconfirmed address stay pending, neither sent nor dropped,
// and all go out after it is confirmed; at most NoticesPerHour notices an
// hour reach one address, the rest are deferred an hour. A user has at most
// db.MaxAlertsPerUser alerts, counted in the insert's transaction under the
// user's row lock.
package alerts
