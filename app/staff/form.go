package staff

import (
	"slices"
	"strconv"
	"strings"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// TopicForm renames a topic (name) or merges it into another (into).
type TopicForm struct {
	Name string `form:"name"`
	Into string `form:"into"`
}

// ValidateName checks a new topic name (the forum's limit: 40 characters).
func (f *TopicForm) ValidateName(l *i18n.Locale) forms.Errors {
	c := forms.New(l)
	if c.Required("name", f.Name) && c.Text("name", f.Name) {
		c.MaxLen("name", f.Name, 40)
	}
	return c.Errors
}

// ValidateInto checks the topic to merge into.
func (f *TopicForm) ValidateInto(l *i18n.Locale, from int64) (int64, forms.Errors) {
	c := forms.New(l)
	id, err := strconv.ParseInt(f.Into, 10, 64)
	switch {
	case err != nil || id <= 0:
		c.Fail("into", "Pick the topic to merge into.")
	case id == from:
		c.Fail("into", "A topic cannot be merged into itself.")
	}
	return id, c.Errors
}

// ReportForm is a user's report of a message.
type ReportForm struct {
	Reason string `form:"reason"`
}

// Validate asks for a reason of at most 500 characters.
func (f *ReportForm) Validate(l *i18n.Locale) forms.Errors {
	c := forms.New(l)
	if c.Required("reason", f.Reason) && c.Text("reason", f.Reason) {
		c.MaxLen("reason", f.Reason, 500)
	}
	return c.Errors
}

// AssetForm adds an asset (ticker, name, market) or renames one and sets
// its index (name, market).
type AssetForm struct {
	Ticker string `form:"ticker"`
	Name   string `form:"name"`
	Market string `form:"market"`
}

// Validate checks the form; adding also checks the ticker.
func (f *AssetForm) Validate(l *i18n.Locale, adding bool) forms.Errors {
	c := forms.New(l)
	f.Ticker = strings.ToUpper(strings.TrimSpace(f.Ticker))
	f.Name = strings.TrimSpace(f.Name)
	if adding && c.Required("ticker", f.Ticker) && !tickerRe.MatchString(f.Ticker) {
		c.Fail("ticker", "Enter a B3 ticker such as PETR4.")
	}
	if c.Required("name", f.Name) && c.Text("name", f.Name) {
		c.MaxLen("name", f.Name, 100)
	}
	if !slices.Contains(db.Markets, f.Market) {
		c.Fail("market", "Pick IBOV or IFIX.")
	}
	return c.Errors
}
