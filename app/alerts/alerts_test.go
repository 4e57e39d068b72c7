package alerts_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

func alertForm(kv ...string) url.Values {
	f := url.Values{"email": {"ana@example.com"}, "ativo": {"PETR4"}, "compra": {"30"}, "venda": {"45"},
		"periodo": {"15"}, "duracao": {"30"}}
	for i := 0; i < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func user(t *testing.T, srv *server.Server, name string) *db.User {
	t.Helper()
	u, err := srv.Env.Store.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func alertsOf(t *testing.T, srv *server.Server, name string) []db.AlertRow {
	t.Helper()
	rows, err := srv.Env.Store.AlertsOf(context.Background(), user(t, srv, name).ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func client(t *testing.T, srv *server.Server, name, lang string) *apptest.Client {
	c := apptest.NewClient(t, srv)
	c.Header.Set("Accept-Language", lang)
	c.Register(name)
	return c
}

func TestCreateAlert(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := client(t, srv, "ana", "pt-BR")
		page := c.Get("/create-alert/?ativo=PETR4")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `name="ativo" type="text" value="PETR4"`) ||
			!strings.Contains(page.Body, `value="ana@example.com"`) {
			t.Fatalf("form not prefilled from ?ativo= and the account's e-mail: %d", page.StatusCode)
		}
		before := time.Now().UTC().Add(-time.Second)
		r := c.Post("/create-alert/", alertForm("ativo", "petr4.sa", "compra", "30,50", "venda", ""))
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/alerts/" {
			t.Fatalf("create: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		rows := alertsOf(t, srv, "ana")
		if len(rows) != 1 {
			t.Fatalf("%d alerts stored", len(rows))
		}
		a := rows[0]
		if a.Ticker != "PETR4" || a.Market != "IBOV" || !a.BuyPrice.Decimal.Equal(dec("30.5")) || a.SellPrice.Valid ||
			a.PeriodMinutes != 15 || a.DurationDays != 30 || a.Lang != "pt-BR" || a.Zone != "" || a.Expired {
			t.Fatalf("stored %+v", a)
		}
		// Due at once, so the next cycle checks it; active for 30 days.
		if a.NextCheckAt.Before(before) || a.NextCheckAt.After(time.Now()) || a.ExpiresAt.Sub(a.NextCheckAt) != 30*24*time.Hour {
			t.Fatalf("next check %v, expires %v", a.NextCheckAt, a.ExpiresAt)
		}
		list := c.Get("/alerts/")
		if !strings.Contains(list.Body, `id="alert-`+strconv.FormatInt(a.ID, 10)+`"`) || !strings.Contains(list.Body, "R$ 30,50") ||
			!strings.Contains(list.Body, "ativo") || !strings.Contains(list.Body, "ainda não verificado") {
			t.Fatal("list does not show the new alert in pt-BR with its status")
		}
		edit := c.Get("/update-alert/" + strconv.FormatInt(a.ID, 10) + "/")
		if !strings.Contains(edit.Body, `name="compra" type="text" value="30,50"`) {
			t.Fatal("edit form does not show the buy price as a pt-BR number")
		}
	})
}

func TestAlertValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := client(t, srv, "bia", "en")
		cases := []struct {
			name, field, want string
			form              url.Values
		}{
			{"bad e-mail", "email", "Enter a valid e-mail address.", alertForm("email", "bia@")},
			{"no ticker", "ativo", "This field is required.", alertForm("ativo", " ")},
			{"unknown ticker", "ativo", "ABCD3 is not listed in IBOV or IFIX.", alertForm("ativo", "ABCD3")},
			{"not a ticker", "ativo", "Enter one ticker, e.g. PETR4.", alertForm("ativo", "petrobras")},
			{"both prices blank", "compra", "Fill in a buy price, a sell price or both.", alertForm("compra", "", "venda", "")},
			{"negative buy", "compra", "The buy price must be zero or more.", alertForm("compra", "-1")},
			{"garbage buy", "compra", "Enter a number, e.g. 12.50.", alertForm("compra", "doze")},
			{"NaN buy", "compra", "Enter a number, e.g. 12.50.", alertForm("compra", "NaN")},
			{"infinite sell", "venda", "Enter a number, e.g. 12.50.", alertForm("venda", "Inf")},
			{"sell below buy", "venda", "The sell price must be higher than the buy price.", alertForm("compra", "40", "venda", "39.99")},
			{"sell equal to buy", "venda", "The sell price must be higher than the buy price.", alertForm("compra", "40", "venda", "40.00")},
			{"sell zero alone", "venda", "The sell price must be more than zero.", alertForm("compra", "", "venda", "0")},
			{"period zero", "periodo", "Enter a whole number of minutes from 1 to 1440.", alertForm("periodo", "0")},
			{"period too long", "periodo", "Enter a whole number of minutes from 1 to 1440.", alertForm("periodo", "1441")},
			{"period not a number", "periodo", "Enter a whole number of minutes from 1 to 1440.", alertForm("periodo", "1.5")},
			{"duration zero", "duracao", "Enter a whole number of days from 1 to 365.", alertForm("duracao", "0")},
			{"duration too long", "duracao", "Enter a whole number of days from 1 to 365.", alertForm("duracao", "366")},
			{"duration blank", "duracao", "This field is required.", alertForm("duracao", "")},
		}
		for _, tc := range cases {
			r := c.Post("/create-alert/", tc.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d, want 422", tc.name, r.StatusCode)
			}
			if got := apptest.FieldError(r.Body, tc.field); got != tc.want {
				t.Errorf("%s: %s error %q, want %q (all: %v)", tc.name, tc.field, got, tc.want, apptest.FieldErrors(r.Body))
			}
		}
		if n := len(alertsOf(t, srv, "bia")); n != 0 {
			t.Fatalf("%d alerts written by invalid forms", n)
		}
		// The edges that are allowed: one side only, buy at zero, 1 and 1440 minutes, 1 and 365 days.
		for _, f := range []url.Values{
			alertForm("venda", ""), alertForm("compra", ""), alertForm("compra", "0", "periodo", "1", "duracao", "1"),
			alertForm("periodo", "1440", "duracao", "365", "compra", "1,234.56", "venda", "2,000.5"),
		} {
			if r := c.Post("/create-alert/", f); r.StatusCode != http.StatusSeeOther {
				t.Errorf("%v: %d %v", f, r.StatusCode, apptest.FieldErrors(r.Body))
			}
		}
		// pt-BR messages for pt-BR users.
		c.Header.Set("Accept-Language", "pt-BR")
		r := c.Post("/create-alert/", alertForm("compra", "", "venda", ""))
		if got := apptest.FieldError(r.Body, "compra"); got != "Preencha um preço de compra, de venda ou ambos." {
			t.Fatalf("pt-BR message %q", got)
		}
	})
}

func TestAlertCSRF(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := client(t, srv, "caio", "en")
		if r := c.PostRaw("/create-alert/", alertForm()); r.StatusCode != http.StatusForbidden {
			t.Fatalf("create without token: %d", r.StatusCode)
		}
		if n := len(alertsOf(t, srv, "caio")); n != 0 {
			t.Fatal("alert created without a CSRF token")
		}
		c.Post("/create-alert/", alertForm())
		id := strconv.FormatInt(alertsOf(t, srv, "caio")[0].ID, 10)
		if r := c.PostRaw("/delete-alert/"+id+"/", url.Values{}); r.StatusCode != http.StatusForbidden {
			t.Fatalf("delete without token: %d", r.StatusCode)
		}
		if r := c.PostRaw("/update-alert/"+id+"/", alertForm("ativo", "VALE3")); r.StatusCode != http.StatusForbidden {
			t.Fatalf("update without token: %d", r.StatusCode)
		}
		if rows := alertsOf(t, srv, "caio"); len(rows) != 1 || rows[0].Ticker != "PETR4" {
			t.Fatalf("changed without a token: %+v", rows)
		}
	})
}

func TestAlertsArePrivate(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		owner := client(t, srv, "dora", "en")
		owner.Post("/create-alert/", alertForm("email", "dora.secret@example.com"))
		a := alertsOf(t, srv, "dora")[0]
		id := strconv.FormatInt(a.ID, 10)

		other := client(t, srv, "edu", "en")
		for _, p := range []string{"/update-alert/" + id + "/", "/delete-alert/" + id + "/", "/update-alert/999999/", "/delete-alert/x/"} {
			if r := other.Get(p); r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s by another user: %d, want 404", p, r.StatusCode)
			}
		}
		if r := other.Post("/update-alert/"+id+"/", alertForm("ativo", "VALE3", "email", "edu@example.com")); r.StatusCode != http.StatusNotFound {
			t.Errorf("POST update by another user: %d", r.StatusCode)
		}
		if r := other.Post("/delete-alert/"+id+"/", url.Values{}); r.StatusCode != http.StatusNotFound {
			t.Errorf("POST delete by another user: %d", r.StatusCode)
		}
		if rows := alertsOf(t, srv, "dora"); len(rows) != 1 || rows[0].Ticker != "PETR4" || rows[0].Email != "dora.secret@example.com" {
			t.Fatalf("owner's alert changed: %+v", rows)
		}
		list := other.Get("/alerts/")
		if strings.Contains(list.Body, "dora.secret") || strings.Contains(list.Body, "alert-"+id) {
			t.Fatal("another user's alert is listed")
		}
		uid := strconv.FormatInt(user(t, srv, "dora").ID, 10)
		if p := other.Get("/profile/" + uid + "/"); strings.Contains(p.Body, "alert-"+id) || strings.Contains(p.Body, "Your alerts") {
			t.Fatal("alerts shown on someone else's profile")
		}
		if p := owner.Get("/profile/" + uid + "/"); !strings.Contains(p.Body, `id="alert-`+id+`"`) {
			t.Fatal("own profile does not list own alerts")
		}
		anon := apptest.NewClient(t, srv)
		for _, p := range []string{"/alerts/", "/create-alert/", "/update-alert/" + id + "/", "/delete-alert/" + id + "/"} {
			if r := anon.Get(p); (r.StatusCode != http.StatusFound && r.StatusCode != http.StatusSeeOther) || !strings.HasPrefix(r.Header.Get("Location"), "/login/?next=") {
				t.Errorf("anonymous GET %s: %d %q", p, r.StatusCode, r.Header.Get("Location"))
			}
		}
	})
}

func TestUpdateAndDeleteAlert(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := client(t, srv, "fabi", "en")
		c.Post("/create-alert/", alertForm())
		id := strconv.FormatInt(alertsOf(t, srv, "fabi")[0].ID, 10)
		if r := c.Post("/update-alert/"+id+"/", alertForm("venda", "10")); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad update: %d", r.StatusCode)
		}
		if rows := alertsOf(t, srv, "fabi"); !rows[0].SellPrice.Decimal.Equal(dec("45")) {
			t.Fatal("bad update wrote")
		}
		if r := c.Post("/update-alert/"+id+"/", alertForm("ativo", "HGLG11", "compra", "", "venda", "170", "duracao", "7")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		a := alertsOf(t, srv, "fabi")[0]
		if a.Ticker != "HGLG11" || a.Market != "IFIX" || a.BuyPrice.Valid || a.DurationDays != 7 {
			t.Fatalf("updated %+v", a)
		}
		c.Post("/create-alert/", alertForm("ativo", "VALE3"))
		listed := func(body, ticker string) bool {
			return strings.Contains(body, `stockpicker=`+ticker+`">`+ticker+`</a>`)
		}
		if body := c.Get("/alerts/?q=ifix").Body; !listed(body, "HGLG11") || listed(body, "VALE3") {
			t.Fatal("q=ifix does not filter by market")
		}
		if body := c.Get("/alerts/?q=vale").Body; listed(body, "HGLG11") || !listed(body, "VALE3") {
			t.Fatal("q=vale does not filter by ticker")
		}
		if r := c.Get("/delete-alert/" + id + "/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Delete your alert for HGLG11?") {
			t.Fatalf("confirmation page: %d", r.StatusCode)
		}
		if r := c.Post("/delete-alert/"+id+"/", url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		if rows := alertsOf(t, srv, "fabi"); len(rows) != 1 || rows[0].Ticker != "VALE3" {
			t.Fatalf("after delete: %+v", rows)
		}
		if r := c.Post("/delete-alert/"+id+"/", url.Values{}); r.StatusCode != http.StatusNotFound {
			t.Fatalf("delete twice: %d", r.StatusCode)
		}
	})
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }
