package handlers_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"exposurecheck/handlers"
	"exposurecheck/store"
)

type limited struct {
	status int
	header http.Header
	body   []byte
}

// get is one API request, from realIP when set (as a front would say).
func get(t *testing.T, srv *httptest.Server, path, realIP string) limited {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if realIP != "" {
		req.Header.Set("X-Real-IP", realIP)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return limited{resp.StatusCode, resp.Header, body}
}

// TestAPIRateLimitOff: the limit can be lifted for a load run; by default
// it holds, with the API's JSON error.
func TestAPIRateLimitOff(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo)
	capped := httptest.NewServer(faultApp(t, handlers.Config{Now: func() time.Time { return now }}))
	defer capped.Close()
	lifted := httptest.NewServer(faultApp(t, handlers.Config{Now: func() time.Time { return now }, NoAPIRateLimit: true}))
	defer lifted.Close()
	count := func(srv *httptest.Server) (map[int]int, limited) {
		codes := map[int]int{}
		var last limited
		for range 100 {
			r := get(t, srv, "/api/v1/incidents/colorme-2018", "")
			codes[r.status]++
			if r.status != 200 {
				last = r
			}
		}
		return codes, last
	}
	if codes, _ := count(lifted); codes[200] != 100 {
		t.Errorf("limit lifted: %v, want 100×200", codes)
	}
	codes, denied := count(capped)
	if codes[429] == 0 || codes[200] < 40 {
		t.Fatalf("default limit: %v, want 40 (the burst) or a few more 200s, then 429s", codes)
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal(denied.body, &e); err != nil || e.Error.Code != "rate_limited" || e.Error.Message == "" {
		t.Errorf("429 body %s: %v", denied.body, err)
	}
	if denied.header.Get("Retry-After") != "1" || denied.header.Get("Cache-Control") != "no-store" {
		t.Errorf("429: Retry-After %q Cache-Control %q", denied.header.Get("Retry-After"), denied.header.Get("Cache-Control"))
	}
}

// TestTrustProxy: behind a front on loopback each X-Real-IP has its own
// budget; without TrustProxy the header is ignored (it is the client's to
// forge).
func TestTrustProxy(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo)
	// Half a request a second: a burst of one, refilled after 2 s.
	cfg := handlers.Config{Now: func() time.Time { return now }, APIRate: 0.5}
	direct := httptest.NewServer(faultApp(t, cfg))
	defer direct.Close()
	cfg.TrustProxy = true
	proxied := httptest.NewServer(faultApp(t, cfg))
	defer proxied.Close()
	ok := func(srv *httptest.Server, ip string) int {
		n := 0
		for range 5 {
			if get(t, srv, "/api/v1/services", ip).status == 200 {
				n++
			}
		}
		return n
	}
	if a, b := ok(proxied, "203.0.113.1"), ok(proxied, "203.0.113.2"); a != 1 || b != 1 {
		t.Errorf("behind a proxy: %d and %d allowed, want the burst (1) each", a, b)
	}
	if a, b := ok(direct, "203.0.113.1"), ok(direct, "203.0.113.2"); a+b != 1 {
		t.Errorf("direct: %d + %d allowed, want 1 in all (X-Real-IP ignored)", a, b)
	}
}
