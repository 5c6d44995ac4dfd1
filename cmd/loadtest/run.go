package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptrace"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const userAgent = "exposurecheck-loadtest/1"

// runner sends the traffic and records what happens.
type runner struct {
	base      *url.URL
	transport *http.Transport
	client    *http.Client // no cookies, no redirects followed
	timeout   time.Duration
	cat       *catalog
	cssPath   string
	col       *collector
	sig       sigState
	start     time.Time // of the run
}

func newRunner(base *url.URL, concurrency int, timeout time.Duration) *runner {
	tr := &http.Transport{
		DialContext:           loopbackDialer(5 * time.Second),
		MaxIdleConns:          4 * concurrency,
		MaxIdleConnsPerHost:   4 * concurrency,
		IdleConnTimeout:       30 * time.Second,
		ResponseHeaderTimeout: timeout,
		ForceAttemptHTTP2:     false,
	}
	r := &runner{base: base, transport: tr, timeout: timeout, col: newCollector()}
	r.client = r.newClient(nil)
	return r
}

func (r *runner) newClient(jar http.CookieJar) *http.Client {
	return &http.Client{
		Transport:     r.transport,
		Jar:           jar,
		Timeout:       r.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// sigState tracks requests in flight so the moment of SIGTERM can be
// related to each request.
type sigState struct {
	mu       sync.Mutex
	sent     bool
	at       time.Time
	inflight map[*reqState]struct{}

	inFlightAtSig, probesAtSig, lost int
	lostDetails                      []string
	startedAfter, servedAfter        int
	refusedAfter, closedAfter        int
}

type reqState struct {
	atSig    bool // in flight when SIGTERM was sent
	afterSig bool // started after SIGTERM was sent
	probe    bool

	began   time.Time
	reused  atomic.Bool  // the (last) connection came from the keep-alive pool
	wroteAt atomic.Int64 // unix nanoseconds when the request was fully written; 0 if never
}

func (s *sigState) begin(probe bool) *reqState {
	st := &reqState{probe: probe, began: time.Now()}
	s.mu.Lock()
	if s.inflight == nil {
		s.inflight = map[*reqState]struct{}{}
	}
	st.afterSig = s.sent
	s.inflight[st] = struct{}{}
	s.mu.Unlock()
	return st
}

// end records a finished request and says whether it was in flight at the
// signal.
func (s *sigState) end(st *reqState, class, outcome string, gotResponse bool, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inflight, st)
	if st.atSig && outcome != outOK && outcome != out429 {
		s.lost++
		if len(s.lostDetails) < 20 {
			when := "never fully written"
			if w := st.wroteAt.Load(); w != 0 {
				when = fmt.Sprintf("written %+.1f ms from SIGTERM", float64(w-s.at.UnixNano())/1e6)
			}
			conn := "a new connection"
			if st.reused.Load() {
				conn = "a reused keep-alive connection"
			}
			if len(detail) > 300 {
				detail = detail[:300] + "…"
			}
			s.lostDetails = append(s.lostDetails, fmt.Sprintf("%s: %s; begun %+.1f ms from SIGTERM on %s, %s; %s",
				class, outcome, float64(st.began.Sub(s.at))/1e6, conn, when, detail))
		}
	}
	if st.afterSig {
		s.startedAfter++
		switch {
		case gotResponse:
			s.servedAfter++
		case outcome == outRefusedAfterShutdown:
			s.refusedAfter++
		case outcome == outClosedAfterShutdown:
			s.closedAfter++
		}
	}
}

// send marks every request now in flight and signals the server, under one
// lock so no request starts in between.
func (s *sigState) send(srv *serverProc) (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for st := range s.inflight {
		st.atSig = true
		s.inFlightAtSig++
		if st.probe {
			s.probesAtSig++
		}
	}
	s.sent = true
	s.at = time.Now()
	return s.at, srv.signal(syscall.SIGTERM)
}

func (s *sigState) isSent() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

// expect says what a good answer to a request is.
type expect struct {
	status   int    // 200 or 303
	location string // for 303: the Location must start with this
	allow429 bool   // API routes are rate limited per client
}

var (
	wantOK  = expect{status: http.StatusOK}
	wantAPI = expect{status: http.StatusOK, allow429: true}
)

// response is what a caller needs back from one request.
type response struct {
	ok       bool
	status   int
	location string
	body     []byte
}

// do sends one request and records it under class. Latency runs from
// since (the time the request was due, for the first request of a task)
// to the end of the body.
func (r *runner) do(client *http.Client, class string, req *http.Request, want expect, since time.Time, keepBody, probe bool) response {
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept-Language", "ja")
	st := r.sig.begin(probe)
	trace := &httptrace.ClientTrace{
		GotConn: func(i httptrace.GotConnInfo) { st.reused.Store(i.Reused) },
		WroteRequest: func(i httptrace.WroteRequestInfo) {
			if i.Err == nil {
				st.wroteAt.Store(time.Now().UnixNano())
			}
		},
	}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	if since.IsZero() {
		since = st.began
	}

	var out response
	resp, err := client.Do(req)
	var readErr error
	if err == nil {
		if keepBody {
			out.body, readErr = io.ReadAll(io.LimitReader(resp.Body, 4<<20))
		} else {
			_, readErr = io.Copy(io.Discard, resp.Body)
		}
		resp.Body.Close()
	}
	latency := time.Since(since)

	outcome, detail, gotResponse := outOK, "", false
	switch {
	case err != nil:
		outcome, detail = transportOutcome(err), err.Error()
	case readErr != nil:
		outcome, detail = transportOutcome(readErr), "reading body: "+readErr.Error()
		out.status = resp.StatusCode
	default:
		gotResponse = true
		out.status = resp.StatusCode
		out.location = resp.Header.Get("Location")
		outcome, detail = statusOutcome(resp.StatusCode, out.location, want)
	}
	if !gotResponse && st.afterSig {
		switch outcome {
		case outRefused:
			outcome = outRefusedAfterShutdown
		case outReset:
			outcome = outClosedAfterShutdown
		}
	}
	if err != nil || readErr != nil {
		detail += fmt.Sprintf(" [conn reused %v, request written %v]", st.reused.Load(), st.wroteAt.Load() != 0)
	}
	r.sig.end(st, class, outcome, gotResponse, detail)
	r.col.add(class, out.status, outcome, latency, gotResponse, detail)
	out.ok = outcome == outOK
	return out
}

func transportOutcome(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return outRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF), strings.Contains(err.Error(), "server closed idle connection"):
		return outReset
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return outTimeout
	}
	return outOther
}

func statusOutcome(status int, location string, want expect) (string, string) {
	switch {
	case status == http.StatusTooManyRequests && want.allow429:
		return out429, ""
	case status >= 500:
		return out5xx, fmt.Sprintf("status %d", status)
	case status == want.status:
		if want.location != "" && !strings.HasPrefix(location, want.location) {
			return outStatus, fmt.Sprintf("status %d to %q, want Location %s…", status, location, want.location)
		}
		return outOK, ""
	case status >= 400:
		return out4xx, fmt.Sprintf("status %d", status)
	}
	return outStatus, fmt.Sprintf("status %d (Location %q), want %d", status, location, want.status)
}

func (r *runner) get(path string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, r.base.String()+path, nil)
	if err != nil {
		panic(err) // paths are ours
	}
	return req
}

func (r *runner) post(path string, form url.Values) *http.Request {
	req, err := http.NewRequest(http.MethodPost, r.base.String()+path, strings.NewReader(form.Encode()))
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

// task is one arrival: a kind, its own random source, and when it was due.
type task struct {
	kind kind
	seed uint64
	due  time.Time
}

func (r *runner) runTask(ctx context.Context, t task) {
	rng := rand.New(rand.NewPCG(t.seed, t.seed^0x9e3779b97f4a7c15))
	switch t.kind {
	case kindStart:
		r.do(r.client, "start", r.get("/"), wantOK, t.due, false, false)
	case kindSearch:
		r.do(r.client, "search", r.get("/check?q="+url.QueryEscape(r.cat.randomQuery(rng))), wantOK, t.due, false, false)
	case kindJourney:
		r.journey(ctx, rng, t.due)
	case kindResult:
		r.do(r.client, "result", r.get("/result?"+r.cat.usesQuery(rng)), wantOK, t.due, false, false)
	case kindAPICheck:
		r.do(r.client, "api_check", r.get("/api/v1/check?"+r.cat.usesQuery(rng)), wantAPI, t.due, false, false)
	case kindAPIServices:
		r.do(r.client, "api_services", r.get("/api/v1/services"), wantAPI, t.due, false, false)
	case kindIncidents:
		if rng.IntN(3) == 0 || len(r.cat.incidents) == 0 {
			r.do(r.client, "incidents", r.get("/incidents"), wantOK, t.due, false, false)
		} else {
			id := r.cat.incidents[rng.IntN(len(r.cat.incidents))]
			r.do(r.client, "incident", r.get("/incidents/"+url.PathEscape(id)), wantOK, t.due, false, false)
		}
	case kindStatic:
		if rng.IntN(2) == 0 || r.cssPath == "" {
			r.do(r.client, "favicon", r.get("/favicon.ico"), wantOK, t.due, false, false)
		} else {
			r.do(r.client, "css", r.get(r.cssPath), wantOK, t.due, false, false)
		}
	}
}

var (
	csrfRE = regexp.MustCompile(`<input[^>]*\bname="csrf"[^>]*>`)
	valRE  = regexp.MustCompile(`\bvalue="([^"]*)"`)
	actRE  = regexp.MustCompile(`<input[^>]*\bname="act"[^>]*\bvalue="([^"]*)"`)
	cssRE  = regexp.MustCompile(`<link[^>]*\brel="?stylesheet"?[^>]*>`)
	hrefRE = regexp.MustCompile(`\bhref="([^"]*)"`)
)

func csrfToken(page []byte) string {
	tag := csrfRE.Find(page)
	if tag == nil {
		return ""
	}
	m := valRE.FindSubmatch(tag)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// stylesheet is the href of the page's <link rel=stylesheet>.
func stylesheet(page []byte) string {
	tag := cssRE.Find(page)
	if tag == nil {
		return ""
	}
	m := hrefRE.FindSubmatch(tag)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// journey is the questionnaire as a browser without JavaScript does it, with
// its own cookie jar; it stops at the first failed step.
func (r *runner) journey(ctx context.Context, rng *rand.Rand, due time.Time) {
	j := r.cat.randomJourney(rng)
	jar, _ := cookiejar.New(nil)
	client := r.newClient(jar)
	r.col.journeyStarted()
	done := false
	defer func() { r.col.journey(done) }()
	stopped := func() bool { return ctx.Err() != nil }

	res := r.do(client, "journey.check", r.get("/check"), wantOK, due, true, false)
	if !res.ok || stopped() {
		return
	}
	csrf := csrfToken(res.body)
	if csrf == "" {
		r.col.problem("journey.check", "no csrf input on /check")
		return
	}
	res = r.do(client, "journey.check_post", r.post("/check", j.servicesForm(csrf)), expect{status: http.StatusSeeOther, location: "/check/when"}, time.Time{}, false, false)
	if !res.ok || stopped() {
		return
	}
	res = r.do(client, "journey.when", r.get("/check/when"), wantOK, time.Time{}, true, false)
	if !res.ok || stopped() {
		return
	}
	offered := map[string]bool{}
	for _, m := range actRE.FindAllSubmatch(res.body, -1) {
		offered[string(m[1])] = true
	}
	for _, a := range j.Answers {
		if !offered[a.Key] {
			r.col.problem("journey.when", fmt.Sprintf("step 2 does not offer %s (services %v)", a.Key, j.Services))
			return
		}
	}
	res = r.do(client, "journey.when_post", r.post("/check/when", j.whenForm(csrf)), expect{status: http.StatusSeeOther, location: "/result?"}, time.Time{}, false, false)
	if !res.ok || stopped() {
		return
	}
	if !strings.HasPrefix(res.location, "/result?") {
		return
	}
	res = r.do(client, "journey.result", r.get(res.location), wantOK, time.Time{}, false, false)
	done = res.ok
}

// probe begins a POST /check whose body arrives in two parts: the first
// before SIGTERM, the rest 200 ms after it, so the request is certainly in
// flight at the signal. ready is called once the headers are on the wire.
func (r *runner) probe(sigSent <-chan struct{}, ready func()) {
	jar, _ := cookiejar.New(nil)
	client := r.newClient(jar)
	res := r.do(client, "probe.check", r.get("/check"), wantOK, time.Time{}, true, false)
	csrf := csrfToken(res.body)
	if !res.ok || csrf == "" {
		ready()
		return
	}
	body := url.Values{"service": {"dlmarket"}, "action": {"next"}, "csrf": {csrf}}.Encode()
	half := len(body) / 2
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, body[:half])
		select {
		case <-sigSent:
		case <-time.After(5 * time.Second):
		}
		time.Sleep(200 * time.Millisecond)
		_, _ = io.WriteString(pw, body[half:])
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, r.base.String()+"/check", pr)
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var once sync.Once
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		WroteHeaders: func() { once.Do(ready) },
	}))
	r.do(client, "probe.check_post", req, expect{status: http.StatusSeeOther, location: "/check/when"}, time.Time{}, false, true)
	once.Do(ready)
}

// discover reads the services (for ids, search words and activities) and
// the start page (for the stylesheet URL) before the run.
func (r *runner) discover(ctx context.Context) error {
	var payload struct {
		Services []struct {
			ID         string   `json:"id"`
			Name       string   `json:"name"`
			Kana       string   `json:"kana"`
			Aliases    []string `json:"aliases"`
			Incident   string   `json:"incident"`
			Activities []struct {
				ID string `json:"id"`
			} `json:"activities"`
		} `json:"services"`
	}
	body, err := r.fetch(ctx, "/api/v1/services")
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, &payload); err != nil {
		return fmt.Errorf("/api/v1/services: %w", err)
	}
	var svcs []service
	for _, s := range payload.Services {
		sv := service{ID: s.ID, Incident: s.Incident, Terms: append([]string{s.Name, s.Kana}, s.Aliases...)}
		for _, a := range s.Activities {
			sv.Activities = append(sv.Activities, a.ID)
		}
		svcs = append(svcs, sv)
	}
	if r.cat, err = newCatalog(svcs); err != nil {
		return fmt.Errorf("/api/v1/services: %w", err)
	}
	page, err := r.fetch(ctx, "/")
	if err != nil {
		return err
	}
	css := stylesheet(page)
	if css == "" {
		fmt.Fprintln(os.Stderr, "warning: no <link rel=stylesheet> on the start page; static requests use /favicon.ico only")
		return nil
	}
	u, err := r.base.Parse(css)
	if err != nil || u.Host != r.base.Host {
		return fmt.Errorf("stylesheet %q is not on the target", css)
	}
	r.cssPath = u.RequestURI()
	return nil
}

// fetch GETs a path outside the measurements, waiting out a 429.
func (r *runner) fetch(ctx context.Context, path string) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.base.String()+path, nil)
		req.Header.Set("User-Agent", userAgent)
		resp, err := r.client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && attempt < 5 {
			select {
			case <-time.After(2 * time.Second):
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
		}
		return body, nil
	}
}
