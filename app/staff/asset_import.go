package staff

import (
	"io"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// maxComposition bounds the uploaded file (B3's is a few kB).
const maxComposition = 256 << 10

// ImportPage shows the upload form for a composition file.
func (h *Handler) ImportPage(c *fiber.Ctx) error {
	return h.renderImport(c, fiber.StatusOK, market(c.Query("market")), nil, nil, "", nil)
}

// ImportPreview parses the uploaded file and shows what applying it would
// change; nothing is written.
func (h *Handler) ImportPreview(c *fiber.Ctx) error {
	m := market(c.FormValue("market"))
	l := web.Locale(c)
	fh, err := c.FormFile("file")
	if err != nil {
		return h.renderImport(c, fiber.StatusUnprocessableEntity, m, nil, nil, "", forms.Errors{"file": l.T("Choose B3's carteira teórica CSV file.")})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxComposition+1))
	if err != nil {
		return err
	}
	if len(b) > maxComposition {
		return h.renderImport(c, fiber.StatusUnprocessableEntity, m, nil, nil, "", forms.Errors{"file": l.T("The file is too large.")})
	}
	comps, err := ParseComposition(b)
	if err != nil {
		return h.renderImport(c, fiber.StatusUnprocessableEntity, m, nil, nil, "", forms.Errors{"file": err.Error()})
	}
	ch, err := h.env.Store.PreviewComposition(c.UserContext(), m, comps)
	if err != nil {
		return err
	}
	return h.renderImport(c, fiber.StatusOK, m, comps, &ch, formatComposition(comps), nil)
}

// ImportApply applies the previewed composition (carried in a hidden field).
func (h *Handler) ImportApply(c *fiber.Ctx) error {
	m := market(c.FormValue("market"))
	comps, err := ParseComposition([]byte(c.FormValue("composition")))
	if err != nil {
		return h.renderImport(c, fiber.StatusUnprocessableEntity, m, nil, nil, "", forms.Errors{"file": err.Error()})
	}
	if _, err := h.env.Store.ApplyComposition(c.UserContext(), actor(c), m, comps, h.env.Now()); err != nil {
		return err
	}
	h.assetsChanged(c.UserContext())
	return web.Redirect(c, "/staff/assets/?market="+m)
}

func (h *Handler) renderImport(c *fiber.Ctx, status int, m string, comps []db.Component, ch *db.CompositionChange, carried string, errs forms.Errors) error {
	return h.env.Render(c, status, "pages/staff_import", fiber.Map{"Title": "Import an index composition", "Market": m,
		"Markets": db.Markets, "Components": comps, "Change": ch, "Carried": carried, "Errors": errs})
}
