package server

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/stonks-b3/stonks/app/web"
)

// routes is the table of contents of the site: URLs to the features'
// handlers (built and scheduled in New). Pages behind `private` redirect
// visitors without a session to /login/?next=….
func (s *Server) routes(app *fiber.App, f *features) {
	env := s.Env
	private := web.RequireUser

	// Operations: no session, no cookies.
	app.Get("/healthz", healthz)
	app.Get("/readyz", s.readyz)
	app.Get("/metrics", adaptor.HTTPHandler(promhttp.HandlerFor(s.Metrics.Registry, promhttp.HandlerOpts{})))

	// Home, preferences (language and theme switches).
	app.Get("/", f.home.Show)
	app.Get("/prefs", env.Prefs)

	// Accounts.
	acc := f.accounts
	app.Get("/register/", acc.RegisterPage)
	app.Post("/register/", acc.Register)
	app.Get("/login/", acc.LoginPage)
	app.Post("/login/", acc.Login)
	app.Get("/logout/", private, acc.LogoutPage)
	app.Post("/logout/", acc.Logout)
	app.Get("/profile/:id/", private, acc.Profile)
	app.Get("/account/", private, acc.Settings)
	app.Post("/account/password/", private, acc.ChangePassword)
	app.Post("/account/email/", private, acc.ChangeEmail)
	app.Post("/account/delete/", private, acc.DeleteAccount)
	// The e-mailed password reset link (public: its owner is logged out).
	app.Get("/password-reset/", acc.ResetRequestPage)
	app.Post("/password-reset/", acc.ResetRequest)
	app.Get("/password-reset/:token/", acc.ResetPage)
	app.Post("/password-reset/:token/", acc.Reset)

	// Markets: picker and live tracker.
	track := f.tracker
	app.Get("/stockpicker/:market", private, track.Picker)
	app.Get("/stocktracker", private, track.Tracker)
	app.Get("/embed/tracker", track.Embed)

	// Price history charts.
	charts := f.graph
	app.Get("/graph", private, charts.Page)
	app.Get("/graph.svg", private, charts.SVG)

	// Live streams: each kind of stream id has its own subscribe rule.
	app.Get("/sse", s.Hub.Handler(viewer))

	// Forum: rooms whose messages arrive live on stream room-{id}.
	fr := f.forum
	app.Get("/forum/", private, fr.Forum)
	app.Get("/room/:id/", private, fr.Room)
	app.Post("/room/:id/", private, fr.Post)
	app.Get("/create-room/", private, fr.CreateRoomPage)
	app.Post("/create-room/", private, fr.CreateRoom)
	app.Get("/update-room/:id/", private, fr.UpdateRoomPage)
	app.Post("/update-room/:id/", private, fr.UpdateRoom)
	app.Get("/delete-room/:id/", private, fr.DeleteRoomPage)
	app.Post("/delete-room/:id/", private, fr.DeleteRoom)
	app.Get("/delete-message/:id/", private, fr.DeleteMessagePage)
	app.Post("/delete-message/:id/", private, fr.DeleteMessage)
	// Any user may report a message to the staff's queue.
	app.Get("/report-message/:id/", private, f.staff.ReportPage)
	app.Post("/report-message/:id/", private, f.staff.Report)

	// Price alerts: the user's own; the engine and the mail sender run as jobs.
	alert := f.alerts
	app.Get("/alerts/", private, alert.List)
	app.Get("/create-alert/", private, alert.CreatePage)
	app.Post("/create-alert/", private, alert.Create)
	app.Get("/update-alert/:id/", private, alert.UpdatePage)
	app.Post("/update-alert/:id/", private, alert.Update)
	app.Get("/delete-alert/:id/", private, alert.DeletePage)
	app.Post("/delete-alert/:id/", private, alert.Delete)
	// Every alert notice the user got, kept: the navbar counts the unread.
	app.Get("/notifications/", private, alert.Notices)
	// The e-mailed link that confirms an address (public: its owner may have no account).
	app.Get("/confirm-email/:token/", alert.ConfirmPage)
	app.Post("/confirm-email/:token/", alert.Confirm)

	// Wallet ("carteira"): holdings, advice, contribution plan, pies, CSV.
	wal := f.wallet
	app.Get("/carteira", private, wal.Show)
	app.Get("/carteira/pie/weights.svg", private, wal.PieWeights)
	app.Get("/carteira/pie/markets.svg", private, wal.PieMarkets)
	app.Get("/carteira/export.csv", private, wal.Export)
	app.Get("/carteira/import", private, wal.ImportPage)
	app.Post("/carteira/import", private, wal.Import)
	app.Get("/create-carteira/", private, wal.CreatePage)
	app.Post("/create-carteira/", private, wal.Create)
	app.Get("/update-carteira/:id/", private, wal.UpdatePage)
	app.Post("/update-carteira/:id/", private, wal.Update)
	app.Get("/delete-carteira/:id/", private, wal.DeletePage)
	app.Post("/delete-carteira/:id/", private, wal.Delete)

	// Returns and income: dated operations (the wallet's holdings derive
	// from them), B3 trades import, and the monthly income-tax helper.
	ret := f.returns
	app.Get("/operacoes", private, ret.List)
	app.Get("/operacoes/chart.svg", private, ret.Chart)
	app.Get("/operacoes/export.csv", private, ret.Export)
	app.Get("/operacoes/import", private, ret.ImportPage)
	app.Post("/operacoes/import", private, ret.Import)
	app.Get("/create-operacao/", private, ret.CreatePage)
	app.Post("/create-operacao/", private, ret.Create)
	app.Get("/update-operacao/:id/", private, ret.UpdatePage)
	app.Post("/update-operacao/:id/", private, ret.Update)
	app.Get("/delete-operacao/:id/", private, ret.DeletePage)
	app.Post("/delete-operacao/:id/", private, ret.Delete)
	app.Get("/proventos", private, ret.Proventos)
	app.Get("/ir", private, ret.IR)

	// Staff: every route under /staff/ is behind one guard (login, the staff
	// role, a password entered in the last 15 minutes); every action is audited.
	st := app.Group("/staff", private, f.staff.Guard)
	sf := f.staff
	st.Get("/", sf.Overview)
	st.Get("/sudo/", sf.SudoPage)
	st.Post("/sudo/", sf.Sudo)
	st.Get("/audit", sf.Audit)
	// Moderation.
	st.Get("/reports/", sf.Reports)
	st.Post("/reports/:id/dismiss/", sf.DismissReport)
	st.Post("/messages/:id/delete/", sf.DeleteMessage)
	st.Get("/forum/", sf.ForumPage)
	st.Post("/rooms/:id/lock/", sf.LockRoom)
	st.Post("/rooms/:id/unlock/", sf.UnlockRoom)
	st.Post("/rooms/:id/delete/", sf.DeleteRoom)
	st.Post("/topics/:id/rename/", sf.RenameTopic)
	st.Post("/topics/:id/merge/", sf.MergeTopic)
	st.Get("/users/", sf.Users)
	st.Post("/users/:id/suspend/", sf.Suspend)
	st.Post("/users/:id/reinstate/", sf.Reinstate)
	// Markets and assets: index membership, B3 composition import.
	st.Get("/assets/", sf.Assets)
	st.Post("/assets/", sf.AddAsset)
	st.Post("/assets/:ticker/update/", sf.UpdateAsset)
	st.Post("/assets/:ticker/retire/", sf.RetireAsset)
	st.Post("/assets/:ticker/restore/", sf.RestoreAsset)
	st.Get("/assets/import", sf.ImportPage)
	st.Post("/assets/import/preview", sf.ImportPreview)
	st.Post("/assets/import/apply", sf.ImportApply)

	app.Use(web.Unmatched)
}
