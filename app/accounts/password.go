package accounts

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
)

// hashParams follow OWASP's argon2id minimum (19 MiB, 2 passes), a fair cost
// on a 2-core server that also serves pages.
var hashParams = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

func hashPassword(pw string) (string, error) { return argon2id.CreateHash(pw, hashParams) }

// dummyHash is compared against when the username does not exist, so a wrong
// username costs as long as a wrong password and does not reveal accounts.
var dummyHash, _ = hashPassword("not a real password")

func checkPassword(pw, hash string) bool {
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	return err == nil && ok
}

// hashWait is how long a request waits for a hashing slot before it is
// refused with 503: long enough to ride out a burst, short enough that a
// flood of sign-ups or logins cannot queue without bound.
const hashWait = 2 * time.Second

// withHashSlot runs fn, one of at most HashSlots() at once, so parallel
// sign-ups and logins cannot take the server's memory (19 MiB each). When no
// slot frees up in time it answers 503 with Retry-After.
func (h *Handler) withHashSlot(c *fiber.Ctx, fn func()) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), hashWait)
	defer cancel()
	select {
	case h.hashing <- struct{}{}:
	case <-ctx.Done():
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(hashWait/time.Second)))
		return fiber.NewError(fiber.StatusServiceUnavailable, "too many password checks at once")
	}
	defer func() { <-h.hashing }()
	fn()
	return nil
}

// passwordMatches checks pw against hash in a hashing slot; Env.PasswordCheck,
// when set, stands in for argon2id (tests count the checks).
func (h *Handler) passwordMatches(c *fiber.Ctx, pw, hash string) (ok bool, err error) {
	check := checkPassword
	if h.env.PasswordCheck != nil {
		check = h.env.PasswordCheck
	}
	err = h.withHashSlot(c, func() { ok = check(pw, hash) })
	return ok, err
}

// commonPasswords is the 20,000 most common passwords (the list zxcvbn ships,
// as Django does) plus a few Brazilian favourites, lower-cased.
//
//go:embed common-passwords.txt.gz
var commonPasswordsGz []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	r, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
	if err != nil {
		panic(err)
	}
	m := make(map[string]struct{}, 20048)
	s := bufio.NewScanner(r)
	for s.Scan() {
		m[strings.ToLower(strings.TrimSpace(s.Text()))] = struct{}{}
	}
	return m
})

// checkPasswordRules applies Django's default validators to pw, reporting on field.
func checkPasswordRules(c *forms.Checker, field, pw string, attrs ...string) {
	if len([]rune(pw)) < 8 {
		c.Fail(field, "This password is too short. It must contain at least 8 characters.")
	}
	if strings.Trim(pw, "0123456789") == "" && pw != "" {
		c.Fail(field, "This password is entirely numeric.")
	}
	if _, ok := commonPasswords()[strings.ToLower(strings.TrimSpace(pw))]; ok {
		c.Fail(field, "This password is too common.")
	}
	if tooSimilar(pw, attrs...) {
		c.Fail(field, "The password is too similar to the username.")
	}
}

var nonWord = regexp.MustCompile(`\W+`)

// tooSimilar is Django's UserAttributeSimilarityValidator: the password is
// rejected when its similarity ratio to an attribute, or to any word-part of
// it (the "ana" of "ana.silva"), reaches 0.7.
func tooSimilar(pw string, attrs ...string) bool {
	pw = strings.ToLower(pw)
	for _, a := range attrs {
		a = strings.ToLower(a)
		if a == "" {
			continue
		}
		parts := append(nonWord.Split(a, -1), a)
		for _, p := range parts {
			if p != "" && similarity(pw, p) >= 0.7 {
				return true
			}
		}
	}
	return false
}

// similarity is the Ratcliff/Obershelp ratio 2·M/T of Python's
// difflib.SequenceMatcher, which Django uses: M counts the characters in
// matching blocks found by taking the longest common substring and recursing
// on both sides.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra)+len(rb) == 0 {
		return 1
	}
	return 2 * float64(matching(ra, rb)) / float64(len(ra)+len(rb))
}

func matching(a, b []rune) int {
	best, ia, ib := 0, 0, 0
	for i := range a {
		for j := range b {
			k := 0
			for i+k < len(a) && j+k < len(b) && a[i+k] == b[j+k] {
				k++
			}
			if k > best {
				best, ia, ib = k, i, j
			}
		}
	}
	if best == 0 {
		return 0
	}
	return best + matching(a[:ia], b[:ib]) + matching(a[ia+best:], b[ib+best:])
}
