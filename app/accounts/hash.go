package accounts

// HashPassword hashes pw as sign-up does, for accounts made outside a request
// (the demo seeder).
func HashPassword(pw string) (string, error) { return hashPassword(pw) }
