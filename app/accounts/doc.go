// Package accounts is sign-up, login, logout, profiles, password reset
// and the account's settings (password, e-mail, deletion).
//
// Passwords: argon2id (alexedwards/argon2id, 19 MiB, 2 passes) and Django's
// validators (length 8, not all digits, not among 20k common passwords, not
// similar to the username or e-mail by difflib's ratio ≥ 0.7). Hashing and
// checking run in at most HashSlots (max(2, GOMAXPROCS)) slots per instance;
// a request waits up to 2 s for one, then gets 503 with Retry-After
// (withHashSlot). Every check of a current password goes through the slots
// and counts against the login throttle, so a stolen session cannot guess
// the password on the settings page.
//
// Throttles live in the database, so all instances agree: 5 failed logins
// per username in 5 minutes (an attacker locks an owner out for minutes, not
// hours), 20 per client address in 15 minutes, 10 sign-ups per address an
// hour; beyond, 429 with Retry-After. The attempt is recorded before argon2
// runs (Store.ReserveLogin counts and inserts in one transaction under an
// advisory lock per username and per address; SQLite's are IMMEDIATE), and a
// successful login clears it, so parallel guesses cannot all pass the count.
//
// Usernames are cleaned (db/usernames.Clean: format characters removed,
// NFKC, lower case) and unique by an NFKC case-folded key, so "ＡＤＭＩＮ"
// logs in as "admin" and cannot be registered beside it. Sign-up allows only
// Latin letters, 0-9 and @.+-_, which refuses mixed-script and whole-script
// look-alikes alike.
//
// Password reset (/password-reset/): the answer and its timing are the same
// whether an account has the address or not (the mail goes out after the
// answer). Requests are throttled (Store.ReservePasswordReset: 3 per address
// and 10 per client an hour). Each account with the address gets its own
// link: 32 random bytes stored as SHA-256, valid 1 h, single use (a
// conditional update). Setting the password uses up the account's links and
// deletes its sessions in one transaction; each ended session goes to
// Env.SessionEnded, so its live streams end on every instance. The mail
// goes through the alerts' mail path.
//
// Settings (/account/): changing the password ends the other sessions;
// changing the e-mail takes effect at once for an address the account has
// confirmed, otherwise it waits in users.pending_email until its
// confirmation link is followed. Deleting the account follows the foreign
// keys (ON DELETE CASCADE: sessions, links, addresses, alerts, wallet,
// messages, the rooms the user hosts with their messages); alert_notices and
// the username's login failures go in the same transaction.
package accounts
