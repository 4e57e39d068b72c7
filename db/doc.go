// Package db is the data layer: models, migrations and every SQL query of
// Stonks, as methods of Store. It runs on SQLite (the embedded default) and
// PostgreSQL (production) alike.
//
// Open picks the dialect from DATABASE_URL. SQLite (modernc.org/sqlite, no
// cgo) runs with WAL, a busy timeout, foreign keys on, BEGIN IMMEDIATE
// transactions and a single connection: SQLite has one writer, and queueing
// in database/sql beats SQLITE_BUSY errors. Inside a transaction, code uses
// only the tx. Methods that date rows take the time from the caller (the
// Env clock), so tests can fix it.
//
// Migrations are Go functions in db/migrations running SQL in which {{ID}},
// {{TS}} and {{DEC}} stand for the column types the two databases spell
// differently; decimals are NUMERIC on PostgreSQL and TEXT on SQLite, so no
// digit is lost to floating point. bun/migrate records what ran; the server
// applies pending migrations at start and `stonks migrate` does only that.
//
// Sessions: the database holds only the SHA-256 of a session token, with an
// expiry that the session middleware slides forward at most once per
// half-life. Each instance keeps what SessionUser read for a few seconds
// (sessioncache.go), with the expiry, so expiry stays exact; the Store's
// writes drop the entries they touch and the live hub's "session ended"
// facts drop a session on every instance.
//
// Limits that must hold under parallel writes (alerts and wallet items per
// user, login and sign-up throttles) are counted inside the insert's
// transaction under a row or advisory lock. Fold (NFD, marks removed, lower
// case) makes asset search accent- and case-blind on both databases.
//
// Tests use db/dbtest: every test gets its own SQLite file and, when
// TEST_DATABASE_URL is set, its own PostgreSQL schema, so tests run in
// parallel on both.
package db
