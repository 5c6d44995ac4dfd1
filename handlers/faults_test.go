package handlers_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/data"
	"exposurecheck/handlers"
	"exposurecheck/store"
)

// faultApp is the real application on the bundled data, with cfg's settings.
func faultApp(t testing.TB, cfg handlers.Config) *echo.Echo {
	t.Helper()
	cat, err := store.Load(data.FS, store.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenMemory(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cfg.DB = db
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil))
	}
	if cfg.SessionKeys == nil {
		cfg.SessionKeys = [][]byte{bytes.Repeat([]byte("h"), 32), bytes.Repeat([]byte("b"), 32)}
	}
	e, err := handlers.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestPanicBecomesJapanese500(t *testing.T) {
	var logs lockedBuffer
	e := faultApp(t, handlers.Config{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	e.GET("/boom", func(echo.Context) error { panic("boom") })
	srv := httptest.NewServer(e)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	id := resp.Header.Get("X-Request-Id")
	if resp.StatusCode != 500 || !strings.Contains(string(body), "問題が発生しました") || id == "" || !strings.Contains(string(body), id) {
		t.Fatalf("status %d id %q body %s", resp.StatusCode, id, body)
	}
	if !strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), id) {
		t.Fatalf("panic not logged with its request id:\n%s", logs.String())
	}
	// The server goes on.
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("after panic: %v %v", err, resp)
	}
	resp.Body.Close()
}

// pickServices runs step 1 and returns the session cookie.
func pickServices(t *testing.T, base string, jar http.CookieJar) {
	t.Helper()
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(base + "/check")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatal("no csrf")
	}
	resp, err = client.PostForm(base+"/check", url.Values{"csrf": {m[1]}, "service": {"dlmarket"}, "action": {"next"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("step 1: %d", resp.StatusCode)
	}
}

func stepTwo(t *testing.T, base string, jar http.CookieJar) string {
	t.Helper()
	client := &http.Client{Jar: jar}
	resp, err := client.Get(base + "/check/when")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return string(b)
}

func TestSessionKeyRotation(t *testing.T) {
	oldKeys := [][]byte{bytes.Repeat([]byte("o"), 32), bytes.Repeat([]byte("p"), 32)}
	newKeys := [][]byte{bytes.Repeat([]byte("n"), 32), bytes.Repeat([]byte("m"), 32)}
	before := httptest.NewServer(faultApp(t, handlers.Config{SessionKeys: oldKeys}))
	defer before.Close()
	jar, _ := cookiejar.New(nil)
	pickServices(t, before.URL, jar)
	cookies := jar.Cookies(mustURL(t, before.URL+"/check"))

	rotated := httptest.NewServer(faultApp(t, handlers.Config{SessionKeys: append(append([][]byte{}, newKeys...), oldKeys...)}))
	defer rotated.Close()
	jar2, _ := cookiejar.New(nil)
	jar2.SetCookies(mustURL(t, rotated.URL+"/check"), cookies)
	if page := stepTwo(t, rotated.URL, jar2); !strings.Contains(page, "DLmarket") {
		t.Fatal("a cookie sealed with the previous key no longer verifies after rotation")
	}

	retired := httptest.NewServer(faultApp(t, handlers.Config{SessionKeys: newKeys}))
	defer retired.Close()
	jar3, _ := cookiejar.New(nil)
	jar3.SetCookies(mustURL(t, retired.URL+"/check"), cookies)
	if page := stepTwo(t, retired.URL, jar3); !strings.Contains(page, "最初からやり直しています") {
		t.Fatal("a cookie of a retired key should restart the questionnaire with a message")
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCookieAndTransportFlags(t *testing.T) {
	for _, secure := range []bool{false, true} {
		srv := httptest.NewServer(faultApp(t, handlers.Config{SecureCookies: secure}))
		resp, err := http.Get(srv.URL + "/check")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		c := resp.Header.Get("Set-Cookie")
		if !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") || !strings.Contains(c, "Path=/check") {
			t.Errorf("secure=%v: cookie %q lacks HttpOnly, SameSite=Lax or Path=/check", secure, c)
		}
		if strings.Contains(c, "Secure") != secure {
			t.Errorf("secure=%v: cookie %q", secure, c)
		}
		if (resp.Header.Get("Strict-Transport-Security") != "") != secure {
			t.Errorf("secure=%v: HSTS %q", secure, resp.Header.Get("Strict-Transport-Security"))
		}
		// Pages that do not need the questionnaire set no cookie at all.
		resp, err = http.Get(srv.URL + "/result?use=dlmarket.card@2018-10-20")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("the result page set a cookie: %q", resp.Header.Get("Set-Cookie"))
		}
		srv.Close()
	}
}

func TestAPIRateLimit(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo)
	srv := httptest.NewServer(faultApp(t, handlers.Config{APIRate: 2, Now: func() time.Time { return now }}))
	defer srv.Close()
	codes := map[int]int{}
	var retry string
	start := time.Now()
	for i := 0; i < 10; i++ {
		resp, err := http.Get(srv.URL + "/api/v1/services")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
		if resp.StatusCode == 429 {
			retry = resp.Header.Get("Retry-After")
		}
	}
	// Burst = twice the rate; echo's limiter refills by the real clock (2
	// tokens a second here), so a slow machine may see a token more.
	refill := int(time.Since(start).Seconds() * 2)
	if codes[200] < 4 || codes[200] > 4+refill || codes[200]+codes[429] != 10 {
		t.Fatalf("statuses %v, want 4×200 (+%d refilled) then 429s", codes, refill)
	}
	if n, err := strconv.Atoi(retry); err != nil || n < 1 {
		t.Fatalf("Retry-After %q", retry)
	}
	// Pages are not rate limited.
	resp, err := http.Get(srv.URL + "/about")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/about: %v %v", err, resp)
	}
	resp.Body.Close()
}
