package forum

import (
	"strings"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
)

// RoomForm creates or updates a room (the seed's field names). The topic is
// typed or picked from the existing ones, and created when new.
type RoomForm struct {
	Topic       string `form:"topic"`
	Name        string `form:"name"`
	Description string `form:"description"`
}

// Validate trims the fields, strips bidi controls from the names (they can
// make a name read backwards), and checks that each has a visible character
// and a bounded length.
func (f *RoomForm) Validate(l *i18n.Locale) forms.Errors {
	f.Topic = strings.Join(strings.Fields(forms.StripBidi(f.Topic)), " ")
	f.Name = strings.TrimSpace(forms.StripBidi(f.Name))
	f.Description = strings.TrimSpace(f.Description)
	c := forms.New(l)
	if c.Required("topic", f.Topic) && c.Visible("topic", f.Topic) {
		c.MaxLen("topic", f.Topic, 40)
	}
	if c.Required("name", f.Name) && c.Visible("name", f.Name) {
		c.MaxLen("name", f.Name, 80)
	}
	c.MaxLen("description", f.Description, 5000)
	if f.Description != "" && !c.Errors.Has("description") {
		c.Visible("description", f.Description)
	}
	return c.Errors
}

// MessageForm is the post box of a room.
type MessageForm struct {
	Body string `form:"body"`
}

// Validate trims the message and checks it has 1 to 2000 characters, one
// of them visible.
func (f *MessageForm) Validate(l *i18n.Locale) forms.Errors {
	f.Body = strings.TrimSpace(f.Body)
	c := forms.New(l)
	if c.Required("body", f.Body) && c.Visible("body", f.Body) {
		c.MaxLen("body", f.Body, 2000)
	}
	return c.Errors
}
