package db_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stonks-b3/stonks/db"
)

// A SQLite path is a path, even where a URI would end: Go names a repeated
// subtest "sqlite#01", and its temp dir once opened a file cut at the "#".
func TestSQLitePathWithURICharacters(t *testing.T) {
	for _, name := range []string{"a#01", "b?x=1", "c%41"} {
		path := filepath.Join(t.TempDir(), name, "test.db")
		s, err := db.Open("sqlite:" + path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%q: the database is not at its path: %v", name, err)
		}
	}
}
