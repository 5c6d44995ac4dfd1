package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"exposurecheck/data"
	"exposurecheck/handlers"
	"exposurecheck/store"
)

// fixedNow is the default clock of these tests: Saturday 2026-11-21 12:00 in Tokyo.
var fixedNow = time.Date(2026, time.November, 21, 12, 0, 0, 0, store.Tokyo)

var (
	catalogOnce sync.Once
	catalog     *store.Catalog
	catalogErr  error
)

// bundledCatalog loads the real embedded data once.
func bundledCatalog(t testing.TB) *store.Catalog {
	t.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = store.Load(data.FS, store.LoadOptions{}) })
	if catalogErr != nil {
		t.Fatalf("load bundled data: %v", catalogErr)
	}
	return catalog
}

// newTestServer runs the real application (real SQLite, real routes and
// middleware) with its clock fixed at now.
//
// The API rate limiter allows a burst of 40 API requests, refilled at 20 a
// second by the real clock; tests that make many use their own server.
func newTestServer(t *testing.T, now time.Time) *httptest.Server {
	t.Helper()
	db, err := store.OpenMemory(context.Background(), bundledCatalog(t))
	if err != nil {
		t.Fatalf("open memory database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	keys := [][]byte{
		[]byte("0123456789abcdef0123456789abcdef"), // hash key, 32 bytes
		[]byte("fedcba9876543210fedcba9876543210"), // block key, 32 bytes (AES-256)
	}
	e, err := handlers.New(handlers.Config{
		DB:          db,
		Now:         func() time.Time { return now },
		SessionKeys: keys,
		Logger:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("handlers.New: %v", err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

// client is a browser-like client: optionally a cookie jar, never following
// redirects, so 303s can be asserted.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	jar  http.CookieJar
}

func newClient(t *testing.T, srv *httptest.Server, withJar bool) *client {
	t.Helper()
	c := &client{t: t, base: srv.URL, hc: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}}
	if withJar {
		jar, err := cookiejar.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		c.jar, c.hc.Jar = jar, jar
	}
	return c
}

// response is a read response; doc is parsed lazily for HTML.
type response struct {
	t      *testing.T
	Status int
	Header http.Header
	Body   string
	doc    *goquery.Document
}

func (r *response) Doc() *goquery.Document {
	r.t.Helper()
	if r.doc == nil {
		d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
		if err != nil {
			r.t.Fatalf("parse HTML: %v", err)
		}
		r.doc = d
	}
	return r.doc
}

func (c *client) do(method, path string, body io.Reader, contentType string) *response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	if res.StatusCode >= 500 {
		c.t.Errorf("%s %s: status %d (never a 5xx); body:\n%s", method, path, res.StatusCode, b)
	}
	return &response{t: c.t, Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

func (c *client) get(path string) *response {
	c.t.Helper()
	return c.do(http.MethodGet, path, nil, "")
}

func (c *client) post(path string, form url.Values) *response {
	c.t.Helper()
	return c.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// csrfOf reads the hidden csrf field of a questionnaire page.
func csrfOf(t *testing.T, r *response) string {
	t.Helper()
	v, ok := r.Doc().Find(`input[type="hidden"][name="csrf"]`).Attr("value")
	if !ok || v == "" {
		t.Fatalf("no csrf field in page:\n%s", r.Body)
	}
	return v
}

func wantStatus(t *testing.T, r *response, what string, want int) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%s: status %d, want %d; body:\n%s", what, r.Status, want, clipBody(r.Body))
	}
}

func wantRedirect(t *testing.T, r *response, what, location string) {
	t.Helper()
	wantStatus(t, r, what, http.StatusSeeOther)
	if got := r.Header.Get("Location"); got != location {
		t.Fatalf("%s: Location %q, want %q", what, got, location)
	}
}

func clipBody(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// text is the whitespace-normalised text of a selection.
func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// startCheck opens step 1 and submits services, returning the csrf token.
func startCheck(t *testing.T, c *client, services ...string) string {
	t.Helper()
	step1 := c.get("/check")
	wantStatus(t, step1, "GET /check", http.StatusOK)
	csrf := csrfOf(t, step1)
	form := url.Values{"service": services, "action": {"next"}, "csrf": {csrf}}
	wantRedirect(t, c.post("/check", form), "POST /check", "/check/when")
	return csrf
}

const roundTripPermalink = "/result?use=dlmarket.card@2018-10-20&use=colorme.owner-card@2017-03-15"

func roundTripForm(csrf string) url.Values {
	return url.Values{
		"csrf":                     {csrf},
		"act":                      {"dlmarket.card", "colorme.owner-card"},
		"mode.dlmarket.card":       {"day"},
		"day.dlmarket.card":        {"2018-10-20"},
		"mode.colorme.owner-card":  {"day"},
		"day.colorme.owner-card":   {"2017-03-15"},
		"mode.colorme.owner":       {"unknown"},
		"mode.colorme.buyer":       {"unknown"},
		"mode.dlmarket.member":     {"unknown"},
		"month.colorme.owner-card": {""},
	}
}

func TestQuestionnaireRoundTrip(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)

	csrf := startCheck(t, c, "dlmarket", "colorme")

	step2 := c.get("/check/when")
	wantStatus(t, step2, "GET /check/when", http.StatusOK)
	if n := step2.Doc().Find("fieldset.service-answers").Length(); n != 2 {
		t.Errorf("step 2 has %d service fieldsets, want 2 (dlmarket, colorme)", n)
	}
	if got := csrfOf(t, step2); got != csrf {
		t.Errorf("csrf changed between steps: %q then %q", csrf, got)
	}
	var legends []string
	step2.Doc().Find("fieldset.service-answers > legend").Each(func(_ int, s *goquery.Selection) { legends = append(legends, text(s)) })
	if diff := cmp.Diff([]string{"DLmarket", "カラーミーショップ"}, legends); diff != "" {
		t.Errorf("step 2 services in selection order (-want +got):\n%s", diff)
	}

	// Step 2 redirects to the canonical permalink, uses in step-1 selection order.
	wantRedirect(t, c.post("/check/when", roundTripForm(csrf)), "POST /check/when", roundTripPermalink)

	withSession := c.get(roundTripPermalink)
	wantStatus(t, withSession, "GET permalink with session", http.StatusOK)
	fresh := newClient(t, srv, false).get(roundTripPermalink)
	wantStatus(t, fresh, "GET permalink without cookies", http.StatusOK)
	mainA, mainB := text(withSession.Doc().Find("main")), text(fresh.Doc().Find("main"))
	if mainA == "" {
		t.Fatal("result page has no main text")
	}
	if diff := cmp.Diff(mainA, mainB); diff != "" {
		t.Errorf("result page differs between the session and a fresh client (-session +fresh):\n%s", diff)
	}

	doc := fresh.Doc()
	if title := doc.Find("title").Text(); !strings.Contains(title, "DLmarket・カラーミーショップの確認結果") {
		t.Errorf("<title> = %q, want it to contain 「DLmarket・カラーミーショップの確認結果」", title)
	}

	// One card per service, a line per kind of data with its own verdict.
	dl := doc.Find("article#r-dlmarket")
	if dl.Length() != 1 {
		t.Fatalf("no DLmarket card (article#r-dlmarket) in:\n%s", clipBody(fresh.Body))
	}
	if got := text(dl.Find(`li.line[data-kind="card"]`)); !strings.Contains(got, "対象期間に含まれます") {
		t.Errorf("DLmarket card line = %q, want 「対象期間に含まれます」", got)
	}
	// The desk is listed once for the page, below the cards.
	tel := doc.Find(`section#desks a[href^="tel:"]`)
	if tel.Length() == 0 {
		t.Fatalf("the result has no tel: link in its desks")
	}
	if href, _ := tel.First().Attr("href"); href != "tel:+81-120-790-230" {
		t.Errorf("DLmarket tel href = %q, want tel:+81-120-790-230", href)
	}
	if !strings.Contains(tel.First().Text(), "0120-790-230") {
		t.Errorf("DLmarket tel link text = %q, want it to contain 0120-790-230", tel.First().Text())
	}

	cm := doc.Find("article#r-colorme")
	if cm.Length() != 1 {
		t.Fatalf("no colorme card (article#r-colorme)")
	}
	// Paid on 2017-03-15: outside the card window (from 3/16), inside the
	// account data; each line says its own.
	if got := text(cm.Find(`li.line[data-kind="login"]`)); !strings.Contains(got, "対象期間に含まれます") {
		t.Errorf("colorme login line = %q, want 「対象期間に含まれます」 (account data)", got)
	}
	if got := text(cm.Find(`li.line[data-kind="card"]`)); !strings.Contains(got, "期間内ですが、対象は一部の人だけです") {
		t.Errorf("colorme card line = %q, want the only-some case (card numbers typed into the account's fields)", got)
	}
	found := false
	cm.Find("div.population").Each(func(_ int, p *goquery.Selection) {
		if text(p.Find("h3")) != "利用料金をクレジットカードで支払ったショップオーナーのカード情報" {
			return
		}
		found = true
		if got := text(p.Find("p.pop-verdict")); !strings.Contains(got, "この事案の対象期間外です") {
			t.Errorf("colorme card-payment population verdict = %q, want 「この事案の対象期間外です」", got)
		}
	})
	if !found {
		t.Errorf("colorme card has no population 「利用料金をクレジットカードで支払ったショップオーナーのカード情報」 in its details")
	}

	// Going back shows the answers given.
	back2 := c.get("/check/when")
	wantStatus(t, back2, "GET /check/when after the result", http.StatusOK)
	if v, _ := back2.Doc().Find(`input[name="day.dlmarket.card"]`).Attr("value"); v != "2018-10-20" {
		t.Errorf("step 2 again: day.dlmarket.card value = %q, want 2018-10-20", v)
	}
	if v, _ := back2.Doc().Find(`input[name="day.colorme.owner-card"]`).Attr("value"); v != "2017-03-15" {
		t.Errorf("step 2 again: day.colorme.owner-card value = %q, want 2017-03-15", v)
	}
	for _, key := range []string{"dlmarket.card", "colorme.owner-card"} {
		if _, ok := back2.Doc().Find(`input[name="act"][value="` + key + `"]`).Attr("checked"); !ok {
			t.Errorf("step 2 again: activity %s not ticked", key)
		}
		if _, ok := back2.Doc().Find(`input[name="mode.` + key + `"][value="day"]`).Attr("checked"); !ok {
			t.Errorf("step 2 again: mode day of %s not chosen", key)
		}
	}
	back1 := c.get("/check")
	wantStatus(t, back1, "GET /check after the result", http.StatusOK)
	for _, id := range []string{"dlmarket", "colorme"} {
		if _, ok := back1.Doc().Find("input#svc-" + id).Attr("checked"); !ok {
			t.Errorf("step 1 again: %s not checked", id)
		}
	}
}

func TestQuestionnaireErrors(t *testing.T) {
	srv := newTestServer(t, fixedNow)

	t.Run("nothing selected", func(t *testing.T) {
		c := newClient(t, srv, true)
		csrf := csrfOf(t, c.get("/check"))
		r := c.post("/check", url.Values{"action": {"next"}, "csrf": {csrf}})
		wantStatus(t, r, "POST /check with no service", http.StatusUnprocessableEntity)
		if got := text(r.Doc().Find("main")); !strings.Contains(got, "サービスを1つ以上選んでください") {
			t.Errorf("page does not say 「サービスを1つ以上選んでください」:\n%s", got)
		}
	})

	fieldError := func(t *testing.T, day, want string) {
		t.Helper()
		c := newClient(t, srv, true)
		csrf := startCheck(t, c, "dlmarket")
		r := c.post("/check/when", url.Values{"csrf": {csrf}, "act": {"dlmarket.card"},
			"mode.dlmarket.card": {"day"}, "day.dlmarket.card": {day}})
		wantStatus(t, r, "POST /check/when day="+day, http.StatusUnprocessableEntity)
		block := r.Doc().Find(`.activity[data-activity="dlmarket.card"]`)
		if block.Length() != 1 {
			t.Fatalf("no .activity block for dlmarket.card")
		}
		if got := text(block.Find(".error")); !strings.Contains(got, want) {
			t.Errorf("inline error of dlmarket.card = %q, want it to contain %q", got, want)
		}
		other := r.Doc().Find(`.activity[data-activity="dlmarket.member"] .error`)
		if other.Length() != 0 {
			t.Errorf("dlmarket.member shows an error it does not have: %q", text(other))
		}
		if v, _ := block.Find(`input[name="day.dlmarket.card"]`).Attr("value"); v != day {
			t.Errorf("the wrong value is not shown back: value=%q, want %q", v, day)
		}
		if r.Doc().Find("#error-summary").Length() == 0 {
			t.Errorf("no error summary at the top")
		}
	}
	t.Run("day that does not exist", func(t *testing.T) { fieldError(t, "2018-02-30", "2018年2月30日という日はありません") })
	t.Run("future day", func(t *testing.T) { fieldError(t, "2027-01-05", "未来の日付は指定できません") })

	t.Run("no activity for a service", func(t *testing.T) {
		c := newClient(t, srv, true)
		csrf := startCheck(t, c, "dlmarket", "colorme")
		r := c.post("/check/when", url.Values{"csrf": {csrf}, "act": {"dlmarket.card"},
			"mode.dlmarket.card": {"unknown"}})
		wantStatus(t, r, "POST /check/when without a colorme activity", http.StatusUnprocessableEntity)
		var cmSet *goquery.Selection
		r.Doc().Find("fieldset.service-answers").Each(func(_ int, s *goquery.Selection) {
			if text(s.ChildrenFiltered("legend")) == "カラーミーショップ" {
				cmSet = s
			}
		})
		if cmSet == nil {
			t.Fatal("no colorme fieldset")
		}
		if got := text(cmSet.ChildrenFiltered("p.error")); !strings.Contains(got, "当てはまるものを1つ以上選んでください") {
			t.Errorf("colorme service-level error = %q", got)
		}
		if got := r.Doc().Find(`fieldset.service-answers p.error`).Length(); got != 1 {
			t.Errorf("%d service/field errors shown, want 1 (colorme only)", got)
		}
	})
}

func TestCSRFAndTamperedSession(t *testing.T) {
	srv := newTestServer(t, fixedNow)

	t.Run("wrong token, valid session", func(t *testing.T) {
		c := newClient(t, srv, true)
		csrf := startCheck(t, c, "dlmarket")
		form := url.Values{"csrf": {csrf + "x"}, "act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}}
		wantStatus(t, c.post("/check/when", form), "POST /check/when with a wrong csrf", http.StatusForbidden)
		form.Set("csrf", "")
		wantStatus(t, c.post("/check/when", form), "POST /check/when without csrf", http.StatusForbidden)
		wantStatus(t, c.post("/check", url.Values{"service": {"dlmarket"}, "action": {"next"}, "csrf": {"nope"}}),
			"POST /check with a wrong csrf", http.StatusForbidden)
		// The right token still works afterwards.
		form.Set("csrf", csrf)
		wantRedirect(t, c.post("/check/when", form), "POST /check/when with the right csrf", "/result?use=dlmarket.card")
	})

	t.Run("tampered cookie", func(t *testing.T) {
		c := newClient(t, srv, true)
		csrf := startCheck(t, c, "dlmarket")
		u, _ := url.Parse(srv.URL + "/check/when")
		var value string
		for _, ck := range c.jar.Cookies(u) {
			if ck.Name == "check" {
				value = ck.Value
			}
		}
		if len(value) < 10 {
			t.Fatalf("no session cookie named check (cookies: %v)", c.jar.Cookies(u))
		}
		b := []byte(value)
		i := len(b) / 2
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		tampered := newClient(t, srv, true)
		tampered.jar.SetCookies(u, []*http.Cookie{{Name: "check", Value: string(b), Path: "/check"}})

		form := url.Values{"csrf": {csrf}, "act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}}
		wantRedirect(t, tampered.post("/check/when", form), "POST /check/when with a tampered cookie", "/check?expired=1")
		page := tampered.get("/check?expired=1")
		wantStatus(t, page, "GET /check?expired=1", http.StatusOK)
		notice := text(page.Doc().Find(".notice"))
		if !strings.HasPrefix(notice, "一定時間が経ったか") {
			t.Errorf("notice = %q, want it to start with 「一定時間が経ったか」", notice)
		}

		// The same tampered cookie on step 1's POST and on step 2's GET.
		again := newClient(t, srv, true)
		again.jar.SetCookies(u, []*http.Cookie{{Name: "check", Value: string(b), Path: "/check"}})
		wantRedirect(t, again.post("/check", url.Values{"service": {"dlmarket"}, "action": {"next"}, "csrf": {csrf}}),
			"POST /check with a tampered cookie", "/check?expired=1")
		again.jar.SetCookies(u, []*http.Cookie{{Name: "check", Value: string(b), Path: "/check"}})
		wantRedirect(t, again.get("/check/when"), "GET /check/when with a tampered cookie", "/check?expired=1")

		// Garbage that is not even base64.
		junk := newClient(t, srv, true)
		junk.jar.SetCookies(u, []*http.Cookie{{Name: "check", Value: "%%%not-a-cookie%%%", Path: "/check"}})
		r := junk.post("/check/when", form)
		if r.Status != http.StatusSeeOther && r.Status != http.StatusForbidden {
			t.Errorf("POST /check/when with a junk cookie: status %d, want 303 or 403", r.Status)
		}
	})
}

func TestServiceSearch(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	for _, q := range []string{"からーみー", "カラーミー", "colorme", "shop-pro.jp", "GMOペパボ", "ＣＯＬＯＲＭＥ", "ｶﾗｰﾐｰ", "Color Me"} {
		r := c.get("/check?q=" + url.QueryEscape(q))
		wantStatus(t, r, "search "+q, http.StatusOK)
		if r.Doc().Find("input#svc-colorme").Length() != 1 {
			t.Errorf("search %q does not list svc-colorme", q)
		}
		if r.Doc().Find("input#svc-dlmarket").Length() != 0 {
			t.Errorf("search %q lists svc-dlmarket too", q)
		}
	}

	r := c.get("/check?q=zzzz")
	wantStatus(t, r, "search zzzz", http.StatusOK)
	if n := r.Doc().Find(`input[name="service"]`).Length(); n != 0 {
		t.Errorf("search zzzz lists %d services", n)
	}
	if got, want := text(r.Doc().Find(`#not-held:not([hidden]) [data-lead-none]:not([hidden])`)), fmt.Sprintf("「zzzz」は、このサイトで確認できる%d件の事案に含まれていません", len(bundledCatalog(t).Incidents)); got != want {
		t.Errorf("search zzzz: not-found text = %q", got)
	}

	all := c.get("/check")
	if n, want := all.Doc().Find(`input[name="service"]`).Length(), len(bundledCatalog(t).Services); n != want {
		t.Errorf("/check without a query lists %d services, want all %d", n, want)
	}

	wantStatus(t, c.get("/check?q="+url.QueryEscape(strings.Repeat("あ", 100))), "100-character query", http.StatusOK)
	wantStatus(t, c.get("/check?q="+url.QueryEscape(strings.Repeat("あ", 101))), "101-character query", http.StatusBadRequest)
	wantStatus(t, c.get("/check?q="+strings.Repeat("a", 101)), "101-character ASCII query", http.StatusBadRequest)
}

// apiCheck mirrors the JSON of GET /api/v1/check.
type apiCheck struct {
	Results []struct {
		Use      string `json:"use"`
		Service  struct{ ID, Name string }
		Activity struct{ ID, Label string }
		Verdict  string `json:"verdict"`
		Pops     []struct {
			ID       string `json:"id"`
			Incident string `json:"incident"`
			Verdict  string `json:"verdict"`
			Window   *struct {
				From *string `json:"from"`
				To   *string `json:"to"`
			} `json:"window"`
			Exposed   []string `json:"exposed"`
			Certainty string   `json:"certainty"`
			MaxCount  *int     `json:"max_count"`
			Deciding  []struct {
				At          string `json:"at"`
				InsideAfter bool   `json:"inside_after"`
			} `json:"deciding"`
		} `json:"populations"`
		Contacts []struct {
			Kind      string   `json:"kind"`
			Value     string   `json:"value"`
			Label     string   `json:"label"`
			Audience  []string `json:"audience"`
			ValidFrom *string  `json:"valid_from"`
			ValidTo   *string  `json:"valid_to"`
			Status    string   `json:"status"`
			Next      *string  `json:"next_open"`
		} `json:"contacts"`
	} `json:"results"`
}

func getAPICheck(t *testing.T, c *client, uses ...string) (apiCheck, *response) {
	t.Helper()
	q := url.Values{"use": uses}
	r := c.get("/api/v1/check?" + q.Encode())
	wantStatus(t, r, "GET /api/v1/check "+strings.Join(uses, " "), http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var out apiCheck
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
	return out, r
}

func TestAPICheckBoundaries(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	cases := []struct {
		use, verdict string
	}{
		{"stylestore.card@2013-04-01", "match"},
		{"stylestore.card@2013-03-31", "outside"},
		{"dlmarket.card@2018-10-17T22:05", "match"},
		{"dlmarket.card@2018-10-17T22:04", "outside"},
		{"dlmarket.card@2018-11-12T21:50", "match"},
		{"dlmarket.card@2018-11-12T21:51", "outside"},
		{"dlmarket.card@2018-10-17", "partial"},
		{"dlmarket.card", "unknown"},
		{"geo-online.use", "unaffected"},
		{"colorme.buyer@2017-05", "partial"},
	}
	for _, tc := range cases {
		out, _ := getAPICheck(t, c, tc.use)
		if len(out.Results) != 1 {
			t.Errorf("%s: %d results, want 1", tc.use, len(out.Results))
			continue
		}
		r := out.Results[0]
		if r.Use != tc.use || r.Verdict != tc.verdict {
			t.Errorf("%s: use %q verdict %q, want use %q verdict %q", tc.use, r.Use, r.Verdict, tc.use, tc.verdict)
		}
		svc, act, _ := strings.Cut(strings.SplitN(tc.use, "@", 2)[0], ".")
		if r.Service.ID != svc || r.Activity.ID != act || r.Service.Name == "" || r.Activity.Label == "" {
			t.Errorf("%s: service %+v activity %+v", tc.use, r.Service, r.Activity)
		}
	}

	// The boundary day: every DLmarket card population is partial and names the deciding minute.
	out, _ := getAPICheck(t, c, "dlmarket.card@2018-10-17")
	pops := out.Results[0].Pops
	if len(pops) == 0 {
		t.Fatal("dlmarket.card@2018-10-17 has no populations")
	}
	for _, p := range pops {
		if p.Verdict != "partial" {
			t.Errorf("population %s verdict %q, want partial", p.ID, p.Verdict)
		}
		if len(p.Deciding) != 1 || p.Deciding[0].At != "2018-10-17T22:05:00+09:00" || !p.Deciding[0].InsideAfter {
			t.Errorf("population %s deciding %+v, want 2018-10-17T22:05:00+09:00 with on-or-after inside", p.ID, p.Deciding)
		}
		if p.Window == nil || p.Window.From == nil || p.Window.To == nil {
			t.Fatalf("population %s has no full window", p.ID)
		}
		if *p.Window.From != "2018-10-17T22:05:00+09:00" || *p.Window.To != "2018-11-12T21:51:00+09:00" {
			t.Errorf("population %s window [%s, %s), want [2018-10-17T22:05:00+09:00, 2018-11-12T21:51:00+09:00)", p.ID, *p.Window.From, *p.Window.To)
		}
	}
}

var rfc3339Tokyo = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$`)

func TestAPICheckShape(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	_, r := getAPICheck(t, c, "colorme.owner-card@2017-03-15", "dlmarket.card@2018-10-20")
	var raw map[string]any
	if err := json.Unmarshal([]byte(r.Body), &raw); err != nil {
		t.Fatal(err)
	}
	results, ok := raw["results"].([]any)
	if !ok || len(results) != 2 {
		t.Fatalf("results = %v", raw["results"])
	}
	keys := func(v any) []string {
		m, _ := v.(map[string]any)
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		return ks
	}
	has := func(what string, v any, want ...string) {
		t.Helper()
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s is %T, want an object", what, v)
			return
		}
		for _, k := range want {
			if _, ok := m[k]; !ok {
				t.Errorf("%s has no %q (keys %v)", what, k, keys(v))
			}
		}
	}
	var times []string
	var collect func(k string, v any)
	collect = func(k string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k2, v2 := range v {
				collect(k2, v2)
			}
		case []any:
			for _, v2 := range v {
				collect(k, v2)
			}
		case string:
			switch k {
			case "from", "to", "valid_from", "valid_to", "next_open", "at":
				times = append(times, v)
			}
		}
	}
	for i, res := range results {
		has("result", res, "use", "service", "activity", "verdict", "populations", "contacts")
		m := res.(map[string]any)
		has("service", m["service"], "id", "name")
		has("activity", m["activity"], "id", "label")
		pops, _ := m["populations"].([]any)
		if len(pops) == 0 {
			t.Errorf("result %d has no populations", i)
		}
		for _, p := range pops {
			has("population", p, "incident", "verdict", "window", "exposed", "certainty", "max_count")
		}
		contacts, _ := m["contacts"].([]any)
		if len(contacts) == 0 {
			t.Errorf("result %d has no contacts", i)
		}
		for _, k := range contacts {
			has("contact", k, "kind", "value", "label", "audience", "hours", "valid_from", "valid_to", "status")
		}
		collect("", res)
	}
	if len(times) < 4 {
		t.Errorf("only %d times found: %v", len(times), times)
	}
	for _, s := range times {
		if !rfc3339Tokyo.MatchString(s) {
			t.Errorf("time %q is not RFC 3339 in +09:00", s)
		}
	}

	// Results keep the order asked; the colorme card window as the notice says.
	var out apiCheck
	_ = json.Unmarshal([]byte(r.Body), &out)
	if out.Results[0].Use != "colorme.owner-card@2017-03-15" || out.Results[1].Use != "dlmarket.card@2018-10-20" {
		t.Errorf("results order: %q, %q", out.Results[0].Use, out.Results[1].Use)
	}
	verdicts := map[string]string{}
	for _, p := range out.Results[0].Pops {
		verdicts[p.ID] = p.Verdict
		if p.ID == "owner-card" {
			if p.Window == nil || p.Window.From == nil || *p.Window.From != "2017-03-16T00:00:00+09:00" ||
				p.Window.To == nil || *p.Window.To != "2018-01-08T00:00:00+09:00" {
				t.Errorf("owner-card window = %+v", p.Window)
			}
		}
	}
	if verdicts["owner-card"] != "outside" || verdicts["owner-account"] != "match" || out.Results[0].Verdict != "match" {
		t.Errorf("colorme.owner-card@2017-03-15: verdict %q, populations %v; want match with owner-card outside and owner-account match",
			out.Results[0].Verdict, verdicts)
	}
	for _, k := range out.Results[1].Contacts {
		if k.Value == "0120-790-230" && k.Status != "open" {
			t.Errorf("DLmarket desk on Saturday 12:00 is %q, want open (every day 9:30–18:30)", k.Status)
		}
	}
}

func TestBadUses(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)
	twentyOne := make([]string, 21)
	for i := range twentyOne {
		twentyOne[i] = "dlmarket.card"
	}
	elevenWhens := "dlmarket.card@2018-01,2018-02,2018-03,2018-04,2018-05,2018-06,2018-07,2018-08,2018-09,2018-10,2018-11"
	cases := []struct {
		name    string
		uses    []string
		message string // part of the Japanese message
		part    string // the offending part, shown in the page
	}{
		{"missing use", nil, "確認するサービスが指定されていません", ""},
		{"empty use", []string{""}, "「サービス.利用内容」の形で指定してください", ""},
		{"unknown service", []string{"nope.card"}, "このサービスは登録されていません", "nope"},
		{"unknown activity", []string{"dlmarket.nope"}, "このサービスにはこの利用内容がありません", "nope"},
		{"no such day", []string{"dlmarket.card@2018-02-30"}, "2018年2月30日という日はありません", "2018-02-30"},
		{"reversed range", []string{"colorme.owner@2018-05..2018-01"}, "期間の終わりが始まりより前になっています", "2018-05..2018-01"},
		{"year 1989", []string{"stylestore.card@1989"}, "1990年より前の日付は指定できません", "1989"},
		{"future year", []string{"stylestore.card@2027"}, "未来の日付は指定できません", "2027"},
		{"future day", []string{"stylestore.card@2026-11-22"}, "未来の日付は指定できません", "2026-11-22"},
		{"21 uses", twentyOne, "20件まで", ""},
		{"11 whens", []string{elevenWhens}, "日付は10個までです", ""},
		{"garbage", []string{"<script>"}, "「サービス.利用内容」の形で指定してください", "<script>"},
		{"garbage after @", []string{`dlmarket.card@<script>alert(1)</script>`}, "日付の形式が正しくありません", "<script>alert(1)</script>"},
		{"duplicate", []string{"dlmarket.card@2018-10-20", "dlmarket.card"}, "同じサービスと利用内容が2回指定されています", "dlmarket.card"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := ""
			if tc.uses != nil {
				q = "?" + url.Values{"use": tc.uses}.Encode()
			}

			page := c.get("/result" + q)
			wantStatus(t, page, "GET /result"+q, http.StatusBadRequest)
			if got := text(page.Doc().Find("h1")); got != "入力を確認してください" {
				t.Errorf("h1 = %q", got)
			}
			summary := text(page.Doc().Find(".error-summary"))
			if !strings.Contains(summary, tc.message) {
				t.Errorf("page message = %q, want it to contain %q", summary, tc.message)
			}
			if tc.part != "" && !strings.Contains(summary, tc.part) {
				t.Errorf("page message = %q, want it to name %q", summary, tc.part)
			}
			if strings.Contains(page.Body, "<script>") {
				t.Errorf("the page contains a raw <script>:\n%s", clipBody(page.Body))
			}
			page.Doc().Find("script").Each(func(_ int, s *goquery.Selection) {
				if _, ok := s.Attr("src"); !ok {
					t.Errorf("an inline script element was created: %q", s.Text())
				}
			})
			if cc := page.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("error page Cache-Control %q, want no-store", cc)
			}

			api := c.get("/api/v1/check" + q)
			wantStatus(t, api, "GET /api/v1/check"+q, http.StatusBadRequest)
			var body struct {
				Error *struct {
					Code    string `json:"code"`
					Message string `json:"message"`
					Param   string `json:"param"`
				} `json:"error"`
			}
			if err := json.Unmarshal([]byte(api.Body), &body); err != nil || body.Error == nil {
				t.Fatalf("API error body %q: %v", api.Body, err)
			}
			if body.Error.Code == "" || body.Error.Param != "use" || !strings.Contains(body.Error.Message, tc.message) {
				t.Errorf("API error = %+v, want a code, param use and a message containing %q", *body.Error, tc.message)
			}
		})
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, false)

	for _, path := range []string{"/nope", "/incidents/does-not-exist", "/services/nope", "/static/nope.css"} {
		r := c.get(path)
		wantStatus(t, r, "GET "+path, http.StatusNotFound)
		if got := text(r.Doc().Find("h1")); got != "ページが見つかりません" {
			t.Errorf("GET %s: h1 = %q, want 「ページが見つかりません」", path, got)
		}
		if n := r.Doc().Find("h1").Length(); n != 1 {
			t.Errorf("GET %s: %d h1 elements", path, n)
		}
	}

	r := c.get("/api/v1/incidents/nope")
	wantStatus(t, r, "GET /api/v1/incidents/nope", http.StatusNotFound)
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
		t.Errorf("API 404 body %q (%v), want {\"error\":{\"code\",\"message\"}}", r.Body, err)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("API 404 Content-Type %q", ct)
	}

	post := c.do(http.MethodPost, "/result", strings.NewReader(""), "application/x-www-form-urlencoded")
	wantStatus(t, post, "POST /result", http.StatusMethodNotAllowed)
	if allow := post.Header.Get("Allow"); !strings.Contains(allow, "GET") {
		t.Errorf("POST /result: Allow %q, want GET", allow)
	}
	del := c.do(http.MethodDelete, "/api/v1/check?use=dlmarket.card", nil, "")
	wantStatus(t, del, "DELETE /api/v1/check", http.StatusMethodNotAllowed)
}

// resultPage fetches a result page.
func resultPage(t *testing.T, c *client, uses ...string) *goquery.Document {
	t.Helper()
	q := "/result?use=" + strings.Join(uses, "&use=")
	r := c.get(q)
	wantStatus(t, r, "GET "+q, http.StatusOK)
	return r.Doc()
}

// resultCard fetches a result page and returns the card of the use's service.
func resultCard(t *testing.T, c *client, use string) *goquery.Selection {
	t.Helper()
	svc, _, _ := strings.Cut(use, ".")
	card := resultPage(t, c, use).Find("article#r-" + svc)
	if card.Length() != 1 {
		t.Fatalf("no card for %s", use)
	}
	return card
}

// deskOf finds the desk of a number on a result page: a live desk's block,
// or an ended desk's line.
func deskOf(t *testing.T, doc *goquery.Document, value string) *goquery.Selection {
	t.Helper()
	var found *goquery.Selection
	doc.Find("section#desks div.contact, section#desks .ended-line").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), value) {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("no desk %s in the result's desks", value)
	}
	return found
}

type contactStatus struct{ status, next string }

func apiContacts(t *testing.T, c *client, use string) map[string]contactStatus {
	t.Helper()
	out, _ := getAPICheck(t, c, use)
	m := map[string]contactStatus{}
	for _, k := range out.Results[0].Contacts {
		cs := contactStatus{status: k.Status}
		if k.Next != nil {
			cs.next = *k.Next
		}
		m[k.Value] = cs
	}
	return m
}

func TestContactStatusAtFixedClocks(t *testing.T) {
	tokyo := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04", s, store.Tokyo)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("DLmarket desk open", func(t *testing.T) {
		c := newClient(t, newTestServer(t, tokyo("2018-12-26T10:00")), false)
		if got := apiContacts(t, c, "dlmarket.card@2018-10-20")["0120-790-230"]; got != (contactStatus{status: "open"}) {
			t.Errorf("API status = %+v, want open", got)
		}
		k := deskOf(t, resultPage(t, c, "dlmarket.card@2018-10-20"), "0120-790-230")
		if got := text(k.Find("p.status")); !strings.Contains(got, "受付中") {
			t.Errorf("HTML status = %q, want 受付中", got)
		}
		if href, _ := k.Find(`a[href^="tel:"]`).Attr("href"); href != "tel:+81-120-790-230" {
			t.Errorf("tel href = %q", href)
		}
	})

	t.Run("DLmarket desk before opening", func(t *testing.T) {
		c := newClient(t, newTestServer(t, tokyo("2018-12-26T08:00")), false)
		want := contactStatus{status: "closed_now", next: "2018-12-26T09:30:00+09:00"}
		if got := apiContacts(t, c, "dlmarket.card@2018-10-20")["0120-790-230"]; got != want {
			t.Errorf("API status = %+v, want %+v", got, want)
		}
		k := deskOf(t, resultPage(t, c, "dlmarket.card@2018-10-20"), "0120-790-230")
		got := text(k.Find("p.status"))
		if !strings.Contains(got, "受付時間外（次は") || !strings.Contains(got, "9時30分から") {
			t.Errorf("HTML status = %q, want 受付時間外（次は…9時30分から）", got)
		}
	})

	// Years later, nobody has said whether the 2018 desk still answers: the
	// page says its age instead of "opens at 9:30".
	t.Run("DLmarket desk years later", func(t *testing.T) {
		c := newClient(t, newTestServer(t, tokyo("2026-11-22T20:00")), false)
		k := deskOf(t, resultPage(t, c, "dlmarket.card@2018-10-20"), "0120-790-230")
		got := text(k.Find("p.status"))
		for _, want := range []string{"2018年12月25日の通知で案内された窓口です（7年以上前）", "今も受け付けているかは誰も公表していません"} {
			if !strings.Contains(got, want) {
				t.Errorf("HTML status = %q, want %q", got, want)
			}
		}
		if strings.Contains(text(k), "次は") || k.Find("p.status strong").Length() != 0 {
			t.Errorf("an old desk with no stated end shows a next opening or a bold state: %q", text(k))
		}
		if href, _ := k.Find(`a.button[href^="tel:"]`).Attr("href"); href != "tel:+81-120-790-230" {
			t.Errorf("the only desk lost its tap-to-call button: %q", href)
		}
		if got := text(k.Find("p.hours")); got != "通知に書かれた受付時間: 毎日 9:30〜18:30（土・日・祝祭日を含む）" {
			t.Errorf("hours = %q, want the days said once, in the notice's words", got)
		}
	})

	t.Run("GEO call centre on a substitute holiday", func(t *testing.T) {
		// 2018-12-24 is a Monday, 振替休日 for the Emperor's Birthday (Sunday 23 December).
		c := newClient(t, newTestServer(t, tokyo("2018-12-24T11:00")), false)
		want := contactStatus{status: "closed_now", next: "2018-12-25T10:00:00+09:00"}
		if got := apiContacts(t, c, "geo-eshop.order@2010")["0120−007−090"]; got != want {
			t.Errorf("API status = %+v, want %+v", got, want)
		}
		// On the page the 2011 desk is seven years old: its age, not its hours.
		k := deskOf(t, resultPage(t, c, "geo-eshop.order@2010"), "0120−007−090")
		if got := text(k.Find("p.status")); !strings.Contains(got, "2011年6月8日の通知で案内された窓口です（7年以上前）") {
			t.Errorf("HTML status = %q, want the desk's age", got)
		}
		if got := text(k.Find("p.hours")); got != "通知に書かれた受付時間: 平日のみ 10:00〜19:00" {
			t.Errorf("hours = %q", got)
		}
		if href, _ := k.Find(`a[href^="tel:"]`).Attr("href"); href != "tel:+81-120-007-090" {
			t.Errorf("GEO tel href = %q, want tel:+81-120-007-090 (the notice prints U+2212 minus signs)", href)
		}
	})

	t.Run("GEO call centre on an ordinary weekday", func(t *testing.T) {
		c := newClient(t, newTestServer(t, tokyo("2018-12-25T11:00")), false)
		if got := apiContacts(t, c, "geo-eshop.order@2010")["0120−007−090"]; got != (contactStatus{status: "open"}) {
			t.Errorf("API status = %+v, want open", got)
		}
	})

	t.Run("colorme 050 line ended", func(t *testing.T) {
		c := newClient(t, newTestServer(t, tokyo("2018-02-22T11:00")), false)
		st := apiContacts(t, c, "colorme.owner@2017-06")
		if got := st["050-3204-4543"]; got != (contactStatus{status: "ended"}) {
			t.Errorf("API 050 status = %+v, want ended", got)
		}
		if got := st["0120-620-621"]; got != (contactStatus{status: "ended"}) {
			t.Errorf("API free dial status = %+v, want ended", got)
		}
		if got := st["help@shop-pro.jp"]; got != (contactStatus{status: "unknown"}) {
			t.Errorf("API email status = %+v, want unknown", got)
		}
		doc := resultPage(t, c, "colorme.owner@2017-06")
		// Ended desks shrink to one line each, with no link.
		k := deskOf(t, doc, "050-3204-4543")
		if !k.Is(".ended-line") || !strings.Contains(text(k), "2018年2月21日17時に終了") {
			t.Errorf("ended 050 desk = %q (%s), want one line saying 2018年2月21日17時に終了", text(k), goquery.NodeName(k))
		}
		if doc.Find(`section#desks a[href^="tel:"]`).Length() != 0 {
			t.Errorf("an ended desk still has a tel: link")
		}
		// The channel that still works comes first, as a large button.
		first := doc.Find("section#desks div.contact").First()
		if href, _ := first.Find("a.button").Attr("href"); href != "mailto:help@shop-pro.jp" {
			t.Errorf("first desk = %q, want the e-mail desk as a large mailto button (the phones have ended)", text(first))
		}
		if got := text(first.Find("p.status")); strings.Contains(got, "運営") {
			t.Errorf("the e-mail desk says %q; 「現在も運営しているか」 does not fit an address", got)
		}
	})

	t.Run("colorme free dial open", func(t *testing.T) {
		// 2018-02-01 is a Thursday.
		c := newClient(t, newTestServer(t, tokyo("2018-02-01T10:00")), false)
		st := apiContacts(t, c, "colorme.owner@2017-06")
		if got := st["0120-620-621"]; got != (contactStatus{status: "open"}) {
			t.Errorf("API free dial status = %+v, want open", got)
		}
		want050 := contactStatus{status: "closed_now", next: "2018-02-16T15:00:00+09:00"}
		if got := st["050-3204-4543"]; got != want050 {
			t.Errorf("API 050 status = %+v, want %+v (not yet set up)", got, want050)
		}
		k := deskOf(t, resultPage(t, c, "colorme.owner@2017-06"), "0120-620-621")
		if got := text(k.Find("p.status")); !strings.Contains(got, "受付中") {
			t.Errorf("HTML status = %q, want 受付中", got)
		}
		if got := text(k.Find("p.hours")); got != "受付時間: 毎日 9:00〜21:00（土日祝日を含む）" {
			t.Errorf("hours = %q, want 「毎日 9:00〜21:00（土日祝日を含む）」 once", got)
		}
	})
}

func TestHeaders(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	paths := []string{"/", "/check", "/check/when", "/result?use=dlmarket.card@2018-10-20", "/result", "/incidents",
		"/incidents/colorme-2018", "/services/colorme", "/about", "/healthz", "/api/v1/services", "/api/v1/incidents",
		"/api/v1/check?use=dlmarket.card", "/nope", "/favicon.ico"}
	for _, p := range paths {
		r := c.get(p)
		h := r.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if got := h.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", p, got)
		}
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", p, got)
		}
	}
	for _, p := range []string{"/result?use=dlmarket.card@2018-10-20", "/api/v1/check?use=dlmarket.card"} {
		if cc := c.get(p).Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", p, cc)
		}
	}

	// HEAD on its own connections: a body wrongly sent after a HEAD response
	// (TestHeadSendsNoBody) must not be read as the next response here.
	hc := newClient(t, srv, false)
	hc.hc.Transport = &http.Transport{DisableKeepAlives: true}
	head := hc.do(http.MethodHead, "/healthz", nil, "")
	wantStatus(t, head, "HEAD /healthz", http.StatusOK)
	if head.Body != "" {
		t.Errorf("HEAD /healthz has a body %q", head.Body)
	}
	get := c.get("/healthz")
	wantStatus(t, get, "GET /healthz", http.StatusOK)
	wantStatus(t, hc.do(http.MethodHead, "/result?use=dlmarket.card", nil, ""), "HEAD /result", http.StatusOK)
}

// TestResultPageNoReferrer checks the page tells browsers not to send the
// result URL on (the meta tag as well as the header) and loads only our files.
func TestResultPageNoReferrer(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	r := newClient(t, srv, false).get(roundTripPermalink)
	wantStatus(t, r, "GET permalink", http.StatusOK)
	if v, _ := r.Doc().Find(`meta[name="referrer"]`).Attr("content"); v != "no-referrer" {
		t.Errorf(`<meta name="referrer"> = %q`, v)
	}
	if v, _ := r.Doc().Find(`meta[name="robots"]`).Attr("content"); v != "noindex" {
		t.Errorf(`<meta name="robots"> = %q, want noindex`, v)
	}
	// The field is for copying into a message, so it is absolute.
	if v, _ := r.Doc().Find("input#permalink").Attr("value"); v != srv.URL+roundTripPermalink {
		t.Errorf("permalink field = %q, want %q", v, srv.URL+roundTripPermalink)
	}
	// No third-party requests: every script, stylesheet and image is our own
	// (or inline: the icon is a data: URI, which requests nothing).
	r.Doc().Find("script[src], link[href], img[src]").Each(func(_ int, s *goquery.Selection) {
		u, ok := s.Attr("src")
		if !ok {
			u, _ = s.Attr("href")
		}
		if strings.HasPrefix(u, "data:image/") {
			return
		}
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Errorf("the page loads %q, not one of our own files", u)
		}
	})
}

// TestHeadSendsNoBody speaks HTTP/1.1 on a raw connection: a HEAD response
// must end after its headers (RFC 9110 §9.3.2). Go's client never reads a
// HEAD body, so a body sent anyway only shows as garbage on a reused
// connection; here it is read directly.
func TestHeadSendsNoBody(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	for _, path := range []string{"/healthz", "/result?use=dlmarket.card", "/", "/nope"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(conn, "HEAD %s HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n", path)
		raw, err := io.ReadAll(conn)
		conn.Close()
		if err != nil {
			t.Fatalf("HEAD %s: %v", path, err)
		}
		head, body, ok := strings.Cut(string(raw), "\r\n\r\n")
		if !ok {
			t.Fatalf("HEAD %s: no end of headers in %q", path, raw)
		}
		status := strings.SplitN(head, "\r\n", 2)[0]
		if path != "/nope" && !strings.Contains(status, " 200 ") {
			t.Errorf("HEAD %s: %s", path, status)
		}
		if body != "" {
			t.Errorf("HEAD %s: %s, then a %d-byte body after the headers (want none): %q…", path, status, len(body), body[:min(len(body), 80)])
		}
	}
}

// TestEditFromPermalink follows the result page's 「回答を変更する」 and
// 「時期を追加して判定する」 links: a bookmarked result refills the questionnaire.
func TestEditFromPermalink(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	res := c.get("/result?use=dlmarket.card&use=colorme.owner-card@2017-03..2017-06")
	wantStatus(t, res, "GET result", http.StatusOK)
	var edit, add string
	res.Doc().Find("a.button, a.add-date").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		switch text(s) {
		case "回答を変更する":
			edit = href
		case "時期を追加して判定する":
			add = href
		}
	})
	if edit == "" || add == "" {
		t.Fatalf("result page lacks the edit (%q) or add-a-date (%q) link", edit, add)
	}

	wantRedirect(t, c.get(edit), "GET "+edit, "/check/when")
	step2 := c.get("/check/when")
	wantStatus(t, step2, "GET /check/when after edit", http.StatusOK)
	doc := step2.Doc()
	for _, key := range []string{"dlmarket.card", "colorme.owner-card"} {
		if _, ok := doc.Find(`input[name="act"][value="` + key + `"]`).Attr("checked"); !ok {
			t.Errorf("after edit: %s not ticked", key)
		}
	}
	if _, ok := doc.Find(`input[name="mode.colorme.owner-card"][value="range"]`).Attr("checked"); !ok {
		t.Errorf("after edit: colorme.owner-card not answered as a range")
	}
	from, _ := doc.Find(`input[name="from.colorme.owner-card"]`).Attr("value")
	to, _ := doc.Find(`input[name="to.colorme.owner-card"]`).Attr("value")
	if from != "2017-03-01" || to != "2017-06-30" {
		t.Errorf("after edit: range %q..%q, want 2017-03-01..2017-06-30", from, to)
	}
	if _, ok := doc.Find(`input[name="mode.dlmarket.card"][value="unknown"]`).Attr("checked"); !ok {
		t.Errorf("after edit: dlmarket.card not answered 「覚えていない」")
	}

	wantRedirect(t, c.get(add), "GET "+add, "/check/when")
	step2 = c.get("/check/when")
	if _, ok := step2.Doc().Find(`input[name="mode.dlmarket.card"][value="day"]`).Attr("checked"); !ok {
		t.Errorf("after add-a-date: the day field of dlmarket.card is not preselected")
	}

	// Submitting the refilled form gives the same result back.
	csrf := csrfOf(t, step2)
	form := url.Values{"csrf": {csrf}, "act": {"dlmarket.card", "colorme.owner-card"},
		"mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2018/10/20"},
		"mode.colorme.owner-card": {"range"}, "from.colorme.owner-card": {from}, "to.colorme.owner-card": {to}}
	wantRedirect(t, c.post("/check/when", form), "POST /check/when after edit",
		"/result?use=dlmarket.card@2018-10-20&use=colorme.owner-card@2017-03-01..2017-06-30")
}

// TestSearchWithoutScript is step 1's search button: the selection is kept
// while the list shows the search results.
func TestSearchWithoutScript(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	c := newClient(t, srv, true)
	step1 := c.get("/check")
	csrf := csrfOf(t, step1)
	for _, ck := range step1.Header.Values("Set-Cookie") {
		for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/check"} {
			if !strings.Contains(ck, attr) {
				t.Errorf("session cookie %q lacks %s", ck, attr)
			}
		}
	}
	r := c.post("/check", url.Values{"csrf": {csrf}, "service": {"dlmarket"}, "action": {"search"}, "q": {"からーみー"}})
	wantRedirect(t, r, "POST /check action=search", "/check?q="+url.QueryEscape("からーみー"))
	page := c.get(r.Header.Get("Location"))
	wantStatus(t, page, "GET search results", http.StatusOK)
	if _, ok := page.Doc().Find("input#svc-dlmarket").Attr("checked"); !ok {
		t.Errorf("the selection (dlmarket) is lost while searching")
	}
	if page.Doc().Find("input#svc-colorme").Length() != 1 {
		t.Errorf("the search result (colorme) is not listed")
	}
	if v, _ := page.Doc().Find("input#q").Attr("value"); v != "からーみー" {
		t.Errorf("search box = %q", v)
	}
}

// TestBoundaryDayPage is the DLmarket boundary day on the result page: the
// card line names the deciding minute where the verdict is, and offers the
// answers that settle it.
func TestBoundaryDayPage(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	card := resultCard(t, newClient(t, srv, false), "dlmarket.card@2018-10-17")
	line := card.Find(`li.line[data-kind="card"]`)
	if !line.Is(".verdict-partial") {
		t.Errorf("card line class = %q, want verdict-partial", line.AttrOr("class", ""))
	}
	// The start of the window decides: on or after 22:05 is inside.
	if got := text(line.Find(".verdict-text")); got != "2018年10月17日22時05分以降なら対象です。それより前なら対象期間外です。" {
		t.Errorf("card line = %q, want it to name 22:05 and that after it is inside", got)
	}
	if href, _ := line.Find(`a[data-testid="refine-after"]`).Attr("href"); href != "/result?use=dlmarket.card@2018-10-17T22:05..2018-10-17" {
		t.Errorf("after link = %q", href)
	}
	if href, _ := line.Find(`a[data-testid="refine-before"]`).Attr("href"); href != "/result?use=dlmarket.card@2018-10-17..2018-10-17T22:04" {
		t.Errorf("before link = %q", href)
	}
}
