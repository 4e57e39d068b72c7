// Package forum is the forum: topics, rooms and their messages, which reach
// everyone viewing a room live over its Server-Sent Events stream.
//
// A room is live on stream room-{id}. A new message is rendered by
// partials/message once per language and sent as events message-pt-BR and
// message-en; each page's list listens to its own language's event. The
// payload is the same for every viewer (each instance renders it once per
// language), so the author's delete link comes hidden in a row marked
// data-author="{user id}", and stonks.js reveals it where the page's
// .page[data-user-id] matches (the CSP allows no inline style to do it in
// CSS). The route checks authorship. Without JavaScript the room page
// reloads and the server renders the link. An htmx post answers with the
// empty post box only; the message arrives over the stream.
//
// Live order is stored order: a room's messages are written one at a time
// (a row lock on the room on PostgreSQL, the single writer on SQLite) with
// the time taken under that lock, so (created_at, id) order is commit
// order. After committing, a post drains the room's feed (feed.go),
// publishing every message stored after the last one published, oldest
// first; after the broker lost notifications, the resync hook does the same
// for every viewed room.
//
// Room pages are keyset-paginated on (created_at, id), PageSize a page, so a
// late page costs what the first does. Message text is escaped first and
// only then are $TICKER cashtags and http(s) URLs wrapped in links (Format).
// Rendered rows are cached (rows.go) by message, language, whether the
// viewer is the author and the age in words: messages never change.
package forum
