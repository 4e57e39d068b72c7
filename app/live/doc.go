// Package live carries Stonks' live updates — quotes, forum rooms, per-user
// notices — to browsers as Server-Sent Events. Events carry HTML that is
// already rendered and escaped; the htmx SSE extension swaps an event's
// data into the element whose sse-swap attribute names the event.
//
// # How an event flows
//
// Step by step:
//
//  1. Hub.Publish validates the Event and hands it to the Broker. The
//     MemoryBroker delivers in-process (SQLite: one instance); PGBroker
//     carries it through PostgreSQL LISTEN/NOTIFY to every instance's hub.
//     Features mostly publish facts instead (Hub.Fact: "message N posted
//     in room R"), which each instance's handler (Hub.OnFact) turns into
//     events for its own subscribers (Hub.Local). After the broker lost
//     notifications (a dropped connection), Hub.OnResync hooks send the
//     current state. Nothing outside this package touches r3labs/sse.
//  2. The hub's deliver drops events for streams nobody here watches (one
//     map lookup). Otherwise it gives the event an id, keeps it in the
//     stream's bounded replay window and queues it on the r3labs stream.
//  3. r3labs fans the event out to each subscriber's 64-slot channel and
//     its ServeHTTP goroutine writes the frame, built once by deliver (see
//     "Framing once"), into our respWriter.
//  4. respWriter only appends whole frames to a pending buffer and wakes
//     the pump, which runs in the hijacked connection's goroutine and
//     does the real writes and flushes, plus a comment heartbeat.
//
// In short: Publish → Broker → Hub.deliver → r3labs stream → ServeHTTP →
// respWriter → pump → the socket → client.
//
// # One connection, several streams
//
// A page opens one connection for all its streams (its room and the user's
// notices): GET /sse?stream=A&stream=B, up to MaxStreams, each checked by
// its rule. Each stream is its own r3labs subscriber (a part) with its own
// respWriter, and all of a connection's respWriters append whole frames to
// one queue drained by one pump, so frames queued in the same tick leave in
// one write. With several streams the id of each frame is rewritten to a
// composite of every stream's last seq (prefix + "s1.s2…"), so the
// Last-Event-ID a browser sends back resumes each stream from exactly its
// own last event even though the streams interleave; one stream keeps the
// plain prefix + seq. Feature event names must be unique across the streams
// a page combines (quotes, message-{lang}, message-removed,
// participants-{lang}, notice).
//
// # Framing once
//
// r3labs frames every event again for every subscriber, in that
// subscriber's ServeHTTP: one fmt.Fprintf per line (id, each data line,
// event, comment), each boxing a []byte into an interface (one allocation
// each), plus bytes.Split for SplitData: six allocations per delivery for
// a two-line event. Its one framing path that takes a single argument is
// the comment-only event (Data empty, Comment set), written as
// ": " + Comment + "\n" and "\n". So deliver frames the event once per
// stream, shared by all its subscribers: Comment is "t=<publish ms>\n",
// then the whole frame (id, data lines, event) without its last blank
// line. On the wire it is the publish-time comment line followed by an
// ordinary event, identical for a browser to what SplitData produced.
// respWriter copies those bytes into the connection's queue (rewriting the
// id line behind the stamp for a multi-stream connection). What remains per
// delivery is the one boxing of Comment in ServeHTTP's Fprintf, about 24
// bytes, which no use of r3labs' ServeHTTP avoids (TestFanoutAllocs,
// BenchmarkFanout). Replayed frames are framed by the same appendFrame,
// without the stamp.
//
// # Where a subscriber's goroutines and bytes go
//
// A stream takes over its connection (fasthttp's Hijack, with no response
// written by fasthttp): the handler leaves the status and headers on the
// response, the hijack handler writes them before the first bytes and then
// runs Hub.serve on the socket itself; the body has no length and no chunks
// and ends when the connection closes, so a connection never serves another
// request after a stream. fasthttp's body stream writer, by contrast, put a
// pipe, a 4 KiB pipe writer, a 4 KiB copy buffer, the connection's 4 KiB
// writer and one more goroutine behind every subscriber.
//
// With the server's KeepHijackedConns (app/server sets it), the hijack
// handler hands the raw socket (fasthttp's UnsafeConn) to a goroutine of
// its own and returns at once, so fasthttp frees the RequestCtx and the
// connection's 4 KiB reader, which a stream never reads; the stream closes
// the socket itself. Without that option the stream runs inside the hijack
// handler and those stay for its life.
//
// Measured with TestIdleFootprint (LIVE_FOOTPRINT=3000, heap and goroutine
// profiles; client in the same process, see docs/performance.md), an idle
// one-stream subscriber holds three goroutines (about 8.5 KiB of stacks in
// process; 11.3 KiB under the load tool): the stream's goroutine running
// Hub.serve and Hub.pump, r3labs' ServeHTTP for the part, and the goroutine
// r3labs starts to watch the request context; each further stream adds two.
// Its heap, about 6 KiB: the socket, r3labs' subscriber with its 64-slot
// channel, the request context, the heartbeat ticker, and our subscriber,
// part, queue and respWriter (under 1 KiB). The frame being written and the
// frames waiting for the pump are in buffers from a sync.Pool, given back
// after each write: kept per subscriber they would each stay as big as the
// largest frame it was ever sent (about 11 KiB a subscriber at 18,000).
//
// # The traps, and what we do about them
//
// r3labs/sse v2.10.0 (see its stream.go, http.go, event_log.go):
//
//   - AutoReplay is on by default: the event log grows forever and every
//     new subscriber is sent all of it; event ids are only set by that log.
//     We turn it off, set ids ourselves (a per-hub prefix plus a sequence,
//     so an id from another instance or an earlier run is simply not
//     resumed) and keep a window of ReplayEvents per stream, kept ReplayTTL
//     after the last subscriber left. A reconnect whose Last-Event-ID is
//     inside the window gets exactly what it missed; otherwise nothing is
//     replayed and OnSubscribe reports Resumed=false, so the feature sends
//     a fresh snapshot instead.
//   - Fan-out is a blocking send per subscriber, so one subscriber that
//     stops reading stalls its whole stream. Our respWriter never blocks:
//     ServeHTTP drains its channel at CPU speed. The network wait happens
//     in the pump; when a client's pending bytes pass MaxPending it is
//     dropped (context cancelled, and a write deadline in the past unblocks
//     the write stuck on its socket).
//   - An event with empty data and no comment ends the connection (and the
//     cleanup then waits on the stream), and browsers never dispatch an
//     event with empty data anyway: Publish rejects it (ErrEmptyData).
//   - AutoStream removes a stream when it looks empty, racing with a
//     subscriber joining, which then blocks forever; and a subscriber's
//     cleanup blocks forever if its stream was closed first. So the hub
//     creates and removes r3labs streams itself, by reference count, and
//     removes one only after ServeHTTP of its last subscriber returned.
//     Shutdown likewise closes r3labs only after every subscriber is gone.
//   - r3labs registers the subscriber inside ServeHTTP; events published
//     meanwhile could be lost or doubled across the replay/live splice.
//     Subscribing holds the stream's lock until registration (signalled by
//     ServeHTTP's WriteHeader), and respWriter drops live frames whose id
//     was already replayed.
//
// Fiber/fasthttp:
//
//   - The hijack handler runs in its own goroutine after the handlers
//     returned, and outlives the request: the handler copies everything it
//     needs (Fiber's strings point into reused buffers) and the stream
//     never touches the *fiber.Ctx (only fasthttp's RequestCtx, which
//     fasthttp keeps until the hijack handler returns). A response fasthttp
//     writes itself with Connection: close would skip the hijack handler,
//     so the stream writes the header itself (HijackSetNoResponse).
//   - fasthttp never tells a handler that the client went away. A write or
//     flush error does, which the heartbeat (default 15s) guarantees
//     happens; that error cancels the request context r3labs watches.
//   - fasthttp's Shutdown waits for open responses, and an event stream
//     never ends by itself: call Hub.Shutdown first (SIGTERM), then the
//     app's Shutdown. Don't set Fiber's WriteTimeout (it is a deadline for
//     the whole response, so it would cut every stream) and keep compression
//     middleware off the SSE route (it buffers).
//
// Access: every stream id belongs to a kind registered with Hub.Allow (the
// longest matching prefix), whose Rule checks the id's shape, that what it
// names exists, and the viewer. Malformed ids, unknown kinds and ids naming
// nothing (an unlisted ticker, a missing room) are 404, forbidden ones 403,
// all as plain responses before streaming starts: so an unlisted ticker
// never reaches the quote job, which polls what is watched. Stonks' kinds
// are quote rooms (QuoteRule, public), forum rooms (RoomRule, logged-in)
// and user streams (UserRule, that user only); AllowDefaults registers them
// with an Exists that answers from the database.
//
// Sessions: a logged-in subscriber records its session (Viewer.Session and
// Expires). Hub.EndSession, called on logout, publishes "session ended"
// through the broker, so every instance's hub ends that session's streams;
// an expired session's streams end at their next heartbeat (Options.Now is
// the clock). Frames queued when a stream ends are not sent.
//
// Jobs ask Hub.Active which streams have local subscribers (for example
// which tickers to poll) and use OnSubscribe/OnUnsubscribe to react to
// joins and leaves. Both are per instance.
package live
