package handlers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

const (
	maxBodyBytes = 64 << 10 // the questionnaire's forms are a few kilobytes
	requestIDKey = "request_id"
)

// csp allows nothing but our own files: no inline script or style, no
// frames, forms only to ourselves. Images may also be data: URIs, for the
// icon every page carries inline (Firefox applies img-src to icons).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'none'; " +
	"connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead {
			return next(c)
		}
		// echo routes on the original request, so it must say GET; the
		// body is counted (for Content-Length, as a GET would send it,
		// compressed or not) and dropped.
		r.Method = http.MethodGet
		hw := &headWriter{ResponseWriter: c.Response().Writer}
		c.Response().Writer = hw
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		c.Response().Writer = hw.ResponseWriter
		r.Method = http.MethodHead
		hw.finish()
		return nil
	}
}

// headWriter answers HEAD: the status and headers a GET would get, with the
// length of the body it would get, and no body.
type headWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *headWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *headWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(b)
	return len(b), nil
}

// finish sends the status line and headers once the handler is done.
func (w *headWriter) finish() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	h := w.Header()
	if w.status != http.StatusNotModified && w.status != http.StatusNoContent && h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.Itoa(w.n))
	}
	w.ResponseWriter.WriteHeader(w.status)
}

// securityHeaders sets the headers every response carries. Stylesheets and
// scripts under /static/ skip the ones that only mean something on a
// document (CSP, frame, opener and permissions policies): they are never
// rendered as pages (nosniff, fixed types), and each of those headers would
// otherwise cost every asset response about 450 bytes.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		// The values are shared, read-only slices assigned under their
		// canonical names: Header.Set would allocate one per header and
		// request. A later Set replaces a slice and Add appends to a copy
		// (each has length and capacity 1), so none is ever written to.
		if !strings.HasPrefix(c.Request().URL.Path, "/static/") {
			for k, v := range documentHeaders {
				h[k] = v
			}
		}
		for k, v := range everyHeaders {
			h[k] = v
		}
		if s.secure {
			h["Strict-Transport-Security"] = hsts
		}
		return next(c)
	}
}

var (
	documentHeaders = map[string][]string{
		"Content-Security-Policy":    {csp},
		"X-Frame-Options":            {"DENY"},
		"Cross-Origin-Opener-Policy": {"same-origin"},
		"Permissions-Policy":         {"accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"},
	}
	everyHeaders = map[string][]string{
		"Referrer-Policy":              {"no-referrer"},
		"X-Content-Type-Options":       {"nosniff"},
		"Cross-Origin-Resource-Policy": {"same-origin"},
	}
	hsts = []string{"max-age=63072000; includeSubDomains"}
)

// requestLog records method, route pattern, status and duration — never the
// path's query string or any form value, since those are a person's answers.
func (s *Server) requestLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		id := newRequestID()
		c.Set(requestIDKey, id)
		c.Response().Header().Set("X-Request-Id", id)
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		// A record handed to the handler, not LogAttrs: the logger would
		// look up its caller's frame for every request (runtime.Callers),
		// a source this line never logs.
		ctx := c.Request().Context()
		if h := s.log.Handler(); h.Enabled(ctx, slog.LevelInfo) {
			r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
			r.AddAttrs(
				slog.String("method", c.Request().Method),
				slog.String("route", routeOf(c)),
				slog.Int("status", c.Response().Status),
				slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
				slog.String("request_id", id))
			_ = h.Handle(ctx, r) // nowhere to report a failed log write
		}
		return nil
	}
}

// routeOf is the matched route pattern ("/incidents/:id"), not the path,
// so ids typed into URLs stay out of logs too.
func routeOf(c echo.Context) string {
	if p := c.Path(); p != "" && p != "/*" {
		return p
	}
	return "unmatched"
}

func requestID(c echo.Context) string {
	if id, ok := c.Get(requestIDKey).(string); ok {
		return id
	}
	return ""
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// recoverPanics turns a panic into the 500 page, logged with the request id.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.Error("panic", "route", routeOf(c), "request_id", requestID(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}

// limitBody refuses bodies larger than any form of ours.
func (s *Server) limitBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > maxBodyBytes {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, maxBodyBytes)
		return next(c)
	}
}

// apiRateLimit is echo's rate limiter (golang.org/x/time/rate token buckets
// per client address): perSecond requests a second, bursts of twice that,
// 429 with Retry-After and the API's JSON error. off lifts it (load tests).
func apiRateLimit(perSecond float64, off bool) echo.MiddlewareFunc {
	if off {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	if perSecond <= 0 {
		perSecond = 20
	}
	// With the bucket empty the next token comes within 1/rate seconds.
	retryAfter := strconv.Itoa(max(1, int(math.Ceil(1/perSecond))))
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(perSecond), Burst: max(1, int(perSecond*2)), ExpiresIn: time.Minute,
		}),
		IdentifierExtractor: func(c echo.Context) (string, error) { return c.RealIP(), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retryAfter)
			return echo.NewHTTPError(http.StatusTooManyRequests)
		},
	})
}
