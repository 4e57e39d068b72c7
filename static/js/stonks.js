// Stonks: the little JavaScript the pages use beyond htmx. Everything here is
// an enhancement; the pages work without it.
(function () {
  "use strict";

  // Show how old each live price is ("5 s", "2 min") next to its time, from
  // the row's data-ts (Unix ms). Rows swapped in by SSE are picked up as-is.
  function age(ms) {
    var s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min";
    return Math.floor(s / 3600) + " h";
  }
  function tick() {
    var rows = document.querySelectorAll("tr[data-ts]");
    for (var i = 0; i < rows.length; i++) {
      var ts = Number(rows[i].getAttribute("data-ts"));
      var cell = rows[i].querySelector(".age time");
      if (!ts || !cell) continue;
      var span = cell.nextElementSibling;
      if (!span || !span.classList.contains("ago")) {
        span = document.createElement("span");
        span.className = "ago muted";
        cell.after(span);
      }
      span.textContent = " · " + age(ts);
    }
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);

  // Flash a row when a live update replaces it.
  document.addEventListener("htmx:sseMessage", function (e) {
    var el = e.detail && e.detail.elt;
    var row = el && document.getElementById(el.id);
    if (row) { row.classList.add("flash"); setTimeout(function () { row.classList.remove("flash"); }, 900); }
  });

  // The picker's "N selected" follows the ticked boxes (hidden fields are
  // tickers ticked under another filter).
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("#picker-form");
    var out = document.getElementById("picked-count");
    if (!form || !out) return;
    var n = form.querySelectorAll('input[name="stockpicker"]:checked, input[type="hidden"][name="stockpicker"]').length;
    out.textContent = n === 1 ? out.getAttribute("data-one") : out.getAttribute("data-many").replace("{n}", String(n));
  });

  // A live message comes with its delete link hidden, the same payload for
  // every viewer: show it on its author's page (the route checks anyway),
  // where the report link, meant for the others, goes.
  function revealOwn(root) {
    var page = document.querySelector(".page[data-user-id]");
    if (!page || !root.querySelectorAll) return;
    var me = page.getAttribute("data-user-id");
    var links = root.querySelectorAll(".message[data-author] a.author-only[hidden]");
    for (var i = 0; i < links.length; i++) {
      var msg = links[i].closest(".message");
      if (msg.getAttribute("data-author") !== me) continue;
      links[i].hidden = false;
      var report = msg.querySelector("a.report");
      if (report) report.hidden = true;
    }
  }
  document.addEventListener("htmx:load", function (e) { revealOwn(e.target); });

  // An alert toast (event "notice") means an alert changed: the alerts list,
  // where shown, fetches itself again (its rows' last price and last alert).
  document.addEventListener("htmx:sseMessage", function (e) {
    if (!e.detail || e.detail.type !== "notice") return;
    var list = document.getElementById("alert-list");
    if (list && window.htmx) htmx.trigger(list, "notice-arrived");
  });

  // Dismiss an alert toast.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".toast-close");
    if (btn) btn.parentElement.classList.add("gone");
  });

  // A page kept in the back/forward cache keeps its event streams open, and
  // browsers allow only six connections per host: after a few pages nothing
  // loads any more. So a page's streams are closed when it is hidden for the
  // cache, and a page restored from it reloads (its prices are old anyway).
  window.addEventListener("pagehide", function (e) {
    if (!e.persisted) return;
    var els = document.querySelectorAll("[sse-connect]");
    for (var i = 0; i < els.length; i++) {
      var data = els[i]["htmx-internal-data"];
      if (data && data.sseEventSource) data.sseEventSource.close();
    }
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) location.reload();
  });
})();
