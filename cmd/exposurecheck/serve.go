package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"strconv"
	"strings"
	"time"

	"exposurecheck/handlers"
	"exposurecheck/store"
)

// env names; flags win over them.
const (
	envAddr        = "EXPOSURECHECK_ADDR"
	envDB          = "EXPOSURECHECK_DB"
	envData        = "EXPOSURECHECK_DATA"
	envSessionKeys = "EXPOSURECHECK_SESSION_KEYS" // comma-separated secrets, newest first
	envSecure      = "EXPOSURECHECK_SECURE"       // "true" behind TLS: Secure cookies and HSTS
	envAPIRate     = "EXPOSURECHECK_API_RATE"     // API requests per second per client, or "off" (load tests only)
	envTrustProxy  = "EXPOSURECHECK_TRUST_PROXY"  // "true" behind a front on loopback that sets X-Real-IP
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, ready chan<- string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d dataFlags
	d.register(fl)
	addr := fl.String("addr", or(getenv(envAddr), ":8080"), "address to listen on (env "+envAddr+")")
	dbFile := fl.String("db", getenv(envDB), "serve a database written by `build`, opened read-only (env "+envDB+")")
	secure := fl.Bool("secure", getenv(envSecure) == "true", "served over TLS: Secure cookies and HSTS (env "+envSecure+")")
	drain := fl.Duration("drain", time.Second, "on SIGTERM, keep accepting (without keep-alive) this long before shutting down")
	apiRate := fl.String("api-rate", or(getenv(envAPIRate), "20"), "API requests per second per client (burst twice that), or off to lift the limit for a load test (env "+envAPIRate+")")
	trustProxy := fl.Bool("trust-proxy", getenv(envTrustProxy) == "true", "take the client address from X-Real-IP on connections from loopback, i.e. behind nginx on the same host (env "+envTrustProxy+")")
	if err := fl.Parse(args); err != nil {
		return err
	}
	rate, rateOff, err := parseAPIRate(*apiRate)
	if err != nil {
		return err
	}
	if d.dir == "" {
		d.dir = getenv(envData)
	}
	log := slog.New(slog.NewJSONHandler(stdout, nil))
	if rateOff {
		log.Warn("the API rate limit is off (" + envAPIRate + "=off / --api-rate off): for load tests only")
	}

	var db *store.DB
	restoreMemLimit := limitStartupMemory(getenv)
	if *dbFile != "" {
		db, err = store.OpenFile(ctx, *dbFile)
	} else {
		db, err = store.OpenTemp(ctx, func() (*store.Catalog, error) { return d.load(stderr) })
	}
	var problems store.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		return fmt.Errorf("refusing to start: %d problem(s) in the data", len(problems))
	}
	if err != nil {
		return err
	}
	defer db.Close()

	keys, generated := sessionKeys(getenv(envSessionKeys))
	if generated {
		log.Warn("no " + envSessionKeys + " set: using a random key; questionnaire progress is lost on restart")
	}
	e, err := handlers.New(handlers.Config{DB: db, Logger: log, SessionKeys: keys, SecureCookies: *secure,
		APIRate: rate, NoAPIRateLimit: rateOff, TrustProxy: *trustProxy})
	if err != nil {
		return err
	}
	// The handlers render each population's details at start: still under
	// the start-up ceiling.
	restoreMemLimit()
	tuneGCForServing(getenv, log)
	srv := handlers.HTTPServer(e, log)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_updated", db.Updated().String())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Stop keep-alive first and keep listening a moment: a client that sent
	// a request on an idle connection just as we closed it retries on a new
	// connection, which is still accepted (golang/go#23829). Then finish
	// in-flight requests before exiting.
	log.Info("shutting down", "drain", drain.String())
	srv.SetKeepAlivesEnabled(false)
	select {
	case <-time.After(*drain):
	case err := <-errc:
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// sessionKeys derives (hash key, block key) pairs from each secret, newest
// first, so an old secret still verifies cookies while keys rotate.
func sessionKeys(secrets string) ([][]byte, bool) {
	var keys [][]byte
	for _, s := range strings.Split(secrets, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		h := sha256.Sum256([]byte("hash:" + s))
		b := sha256.Sum256([]byte("block:" + s))
		keys = append(keys, h[:], b[:])
	}
	if len(keys) > 0 {
		return keys, false
	}
	h, b := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(h)
	_, _ = rand.Read(b)
	return [][]byte{h, b}, true
}

// parseAPIRate reads --api-rate: a positive number of requests per second,
// or "off".
func parseAPIRate(v string) (rate float64, off bool, err error) {
	if strings.EqualFold(strings.TrimSpace(v), "off") {
		return 0, true, nil
	}
	rate, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || !(rate > 0) || math.IsInf(rate, 0) {
		return 0, false, fmt.Errorf("--api-rate / %s: %q is neither a positive number nor off", envAPIRate, v)
	}
	return rate, false, nil
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
