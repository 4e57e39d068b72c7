package staff

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// market is the ?market= (or form) index, IBOV by default.
func market(s string) string {
	s = strings.ToUpper(s)
	if !slices.Contains(db.Markets, s) {
		return db.Markets[0]
	}
	return s
}

// Assets lists an index's assets, retired ones last, with the add form.
func (h *Handler) Assets(c *fiber.Ctx) error {
	return h.renderAssets(c, fiber.StatusOK, market(c.Query("market")), &AssetForm{}, nil)
}

func (h *Handler) renderAssets(c *fiber.Ctx, status int, m string, f *AssetForm, errs forms.Errors) error {
	assets, err := h.env.Store.AllAssets(c.UserContext(), m)
	if err != nil {
		return err
	}
	if f.Market == "" {
		f.Market = m
	}
	return h.env.Render(c, status, "pages/staff_assets", fiber.Map{"Title": "Assets", "Market": m, "Markets": db.Markets,
		"Assets": assets, "Form": f, "Errors": errs})
}

// AddAsset lists a new asset in an index.
func (h *Handler) AddAsset(c *fiber.Ctx) error {
	f := new(AssetForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	if errs := f.Validate(l, true); errs.Any() {
		return h.renderAssets(c, fiber.StatusUnprocessableEntity, market(f.Market), f, errs)
	}
	err := h.env.Store.AddAsset(c.UserContext(), actor(c), &db.Asset{Ticker: f.Ticker, Name: f.Name, Market: f.Market}, h.env.Now())
	if errors.Is(err, db.ErrTaken) {
		return h.renderAssets(c, fiber.StatusUnprocessableEntity, f.Market, f, forms.Errors{"ticker": l.T("This ticker is already listed.")})
	}
	if err != nil {
		return err
	}
	h.assetsChanged(c.UserContext())
	return web.Redirect(c, "/staff/assets/?market="+f.Market)
}

// UpdateAsset renames an asset or moves it to another index.
func (h *Handler) UpdateAsset(c *fiber.Ctx) error {
	f := new(AssetForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	ticker := strings.ToUpper(c.Params("ticker"))
	if errs := f.Validate(web.Locale(c), false); errs.Any() {
		return h.renderAssets(c, fiber.StatusUnprocessableEntity, market(f.Market), f, errs)
	}
	if err := h.env.Store.UpdateAsset(c.UserContext(), actor(c), ticker, f.Name, f.Market, h.env.Now()); err != nil {
		return storeErr(err)
	}
	h.assetsChanged(c.UserContext())
	return web.Redirect(c, "/staff/assets/?market="+f.Market)
}

// RetireAsset takes an asset out of its index; it stays quotable.
func (h *Handler) RetireAsset(c *fiber.Ctx) error { return h.retire(c, true) }

// RestoreAsset puts a retired asset back in its index.
func (h *Handler) RestoreAsset(c *fiber.Ctx) error { return h.retire(c, false) }

func (h *Handler) retire(c *fiber.Ctx, retire bool) error {
	ticker := strings.ToUpper(c.Params("ticker"))
	if err := h.env.Store.RetireAsset(c.UserContext(), actor(c), ticker, retire, h.env.Now()); err != nil {
		return storeErr(err)
	}
	return back(c, "/staff/assets/")
}
