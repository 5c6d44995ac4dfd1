// Package handlers is the web face of the exposure check: routes, request
// parsing (the use grammar lives in store), sessions, security middleware, the
// JSON API and error pages. Handlers are thin: parse, ask the store, build a
// view model, render.
package handlers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"exposurecheck/static"
	"exposurecheck/store"
	"exposurecheck/views"
)

// Config is what the server needs from its surroundings.
type Config struct {
	DB     *store.DB
	Logger *slog.Logger
	// Now is the clock; tests fix it to check desks' hours at any instant.
	Now func() time.Time
	// SessionKeys are pairs of (hash key, block key) for the session cookie,
	// newest first; older pairs still verify so keys can rotate.
	SessionKeys [][]byte
	// SecureCookies marks cookies Secure and sends HSTS (behind TLS or a proxy
	// that terminates it).
	SecureCookies bool
	// APIRate is requests per second per client on /api; burst is twice that.
	// 0 means the default, 20.
	APIRate float64
	// NoAPIRateLimit lifts the API's rate limit (for load tests; never the
	// default).
	NoAPIRateLimit bool
	// TrustProxy takes the client's address from X-Real-IP when the
	// connection comes from loopback (a front such as nginx on the same
	// host); otherwise the connection's own address is used.
	TrustProxy bool
}

// Server holds the dependencies every handler uses.
type Server struct {
	db       *store.DB
	log      *slog.Logger
	now      func() time.Time
	assets   *static.Assets
	sessions *sessionStore
	secure   bool
	advice   map[string]store.Advice
	// rateLimit is the API's per-client limit (a no-op when lifted).
	rateLimit echo.MiddlewareFunc
	// gzip compresses dynamic responses (compress.go).
	gzip func(http.Handler) http.HandlerFunc
	// etag is the validator of every page that depends only on the data
	// and the build, computed once at start.
	etag string
	// icon is the favicon as a data: URI, so no page costs a request for it.
	icon string
	// popBodies are the populations' details, rendered at start.
	popBodies map[popID]string
	// resultData is the result page's share of the data, worked out at start.
	resultData *resultData
}

// New builds the echo application with every route and middleware.
func New(cfg Config) (*echo.Echo, error) {
	assets, err := static.Load()
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.APIRate == 0 {
		cfg.APIRate = 20
	}
	gz, err := newGzip()
	if err != nil {
		return nil, err
	}
	s := &Server{
		db: cfg.DB, log: cfg.Logger, now: cfg.Now, assets: assets, secure: cfg.SecureCookies,
		sessions:  newSessionStore(cfg.SessionKeys, cfg.SecureCookies),
		rateLimit: apiRateLimit(cfg.APIRate, cfg.NoAPIRateLimit),
		gzip:      gz,
		etag:      dataETag(cfg.DB),
		icon:      assets.DataURI("favicon.ico"),
	}
	if err := s.prepareData(cfg.DB); err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Rate limits key on the connection's address; forwarded headers are
	// spoofable, so X-Real-IP counts only from a front on loopback, which
	// sets it (nginx: proxy_set_header X-Real-IP $remote_addr).
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromRealIPHeader(echo.TrustLoopback(true),
			echo.TrustLinkLocal(false), echo.TrustPrivateNet(false))
	}
	s.routes(e)
	return e, nil
}

// dataETag is the weak validator of the pages that depend only on the data
// and the code: a digest of the curated data as the API publishes it (the
// store's documents) and of this build. Replicas built from the same binary
// and data agree on it.
func dataETag(db *store.DB) string {
	h := sha256.New()
	h.Write([]byte(db.Digest()))
	h.Write([]byte(buildID()))
	return `W/"` + hex.EncodeToString(h.Sum(nil))[:20] + `"`
}

var (
	buildOnce sync.Once
	build     string
)

// buildID identifies the code that renders the pages: a digest of the
// running executable (templates are compiled in), read once per process.
// Where the executable cannot be read, the module's build information.
func buildID() string {
	buildOnce.Do(func() {
		if p, err := os.Executable(); err == nil {
			if f, err := os.Open(p); err == nil {
				h := sha256.New()
				_, err = io.Copy(h, f)
				f.Close()
				if err == nil {
					build = hex.EncodeToString(h.Sum(nil))
					return
				}
			}
		}
		if bi, ok := debug.ReadBuildInfo(); ok {
			build = bi.String()
		}
	})
	return build
}

// checkMeta is meta for the questionnaire's steps, which load its script.
func (s *Server) checkMeta(title string) views.Meta {
	m := s.meta(title, "check")
	m.JS = s.assets.URL("check.js")
	return m
}

// meta fills the parts of a page's Meta that every page shares.
func (s *Server) meta(title, nav string) views.Meta {
	return views.Meta{Title: title, CSS: s.assets.URL("style.css"), JS: s.assets.URL("page.js"), Nav: nav,
		Icon: s.icon}
}

// render writes a component into a buffer first, so a failure still reaches
// the central error handler instead of a half-written page.
//
// The buffers are pooled: grown from empty, a result page's buffer was
// reallocated a dozen times and was the largest allocation of the request.
// Writing copies the bytes out (into the wholeWriter), so a buffer is free
// again once HTMLBlob returns.
func render(c echo.Context, status int, comp templ.Component) error {
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 256<<10 { // keep buffers of ordinary pages only
			renderBuffers.Put(buf)
		}
	}()
	if err := comp.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

var renderBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// noStore marks a response as personal: the answers are in it.
func noStore(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "no-store")
}

func cacheFor(c echo.Context, d time.Duration) {
	c.Response().Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(d.Seconds())))
}

// prepareData works out at start what the pages take from the data alone:
// the advice by class, each group's details, and the result page's share.
func (s *Server) prepareData(db *store.DB) error {
	ctx := context.Background()
	advice, err := db.Advice(ctx)
	if err != nil {
		return err
	}
	s.advice = make(map[string]store.Advice, len(advice))
	for _, a := range advice {
		s.advice[a.Class] = a
	}
	if s.popBodies, err = popBodies(db, s.advice); err != nil {
		return err
	}
	incs, err := db.Incidents(ctx)
	if err != nil {
		return err
	}
	s.resultData = newResultData(s.advice, s.popBodies, incidentRefs(incs), serviceIDs(db.Services()), incs)
	return nil
}

func serviceIDs(svcs []store.Service) []string {
	ids := make([]string, len(svcs))
	for i := range svcs {
		ids[i] = svcs[i].ID
	}
	return ids
}
