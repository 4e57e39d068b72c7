package db

import (
	"time"

	"github.com/uptrace/bun"
)

// User is an account. Username is stored cleaned (usernames.Clean) and
// UsernameKey (usernames.Key, set by CreateUser) is what is unique.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`
	ID            int64      `bun:"id,pk,autoincrement"`
	Username      string     `bun:"username,notnull"`
	UsernameKey   string     `bun:"username_key,notnull"`
	Email         string     `bun:"email,notnull"`
	PasswordHash  string     `bun:"password_hash,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	PendingEmail  *string    `bun:"pending_email"` // an e-mail change waiting for its confirmation
	IsStaff       bool       `bun:"is_staff,notnull"`
	SuspendedAt   *time.Time `bun:"suspended_at"` // set while staff keep the user out
}

// Session is a logged-in browser; TokenHash is the SHA-256 of the cookie value.
type Session struct {
	bun.BaseModel `bun:"table:sessions,alias:s"`
	TokenHash     string     `bun:"token_hash,pk"`
	UserID        int64      `bun:"user_id,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ExpiresAt     time.Time  `bun:"expires_at,notnull"`
	SudoAt        *time.Time `bun:"sudo_at"` // the password was last entered (nil: at CreatedAt)
	// User is loaded with the session in one query (SessionUser).
	User *User `bun:"rel:belongs-to,join:user_id=id"`
}

// SignupAttempt is one sign-up from a client address, kept an hour or so to limit sign-ups per address.
type SignupAttempt struct {
	bun.BaseModel `bun:"table:signup_attempts"`
	ID            int64     `bun:"id,pk,autoincrement"`
	IP            string    `bun:"ip,notnull"`
	At            time.Time `bun:"at,notnull"`
}

// LoginFailure is one wrong password, kept a short while for throttling.
type LoginFailure struct {
	bun.BaseModel `bun:"table:login_failures"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Username      string    `bun:"username,notnull"`
	IP            string    `bun:"ip,notnull"`
	At            time.Time `bun:"at,notnull"`
}
