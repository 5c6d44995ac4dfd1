package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"exposurecheck/data"
	"exposurecheck/store"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentile(t *testing.T) {
	oneToTen := []time.Duration{ms(1), ms(2), ms(3), ms(4), ms(5), ms(6), ms(7), ms(8), ms(9), ms(10)}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = ms(i + 1)
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value p50", []time.Duration{ms(7)}, 50, ms(7)},
		{"one value p99", []time.Duration{ms(7)}, 99, ms(7)},
		{"two values p50 is the lower", []time.Duration{ms(1), ms(2)}, 50, ms(1)},
		{"two values p51 is the upper", []time.Duration{ms(1), ms(2)}, 51, ms(2)},
		{"1..10 p50", oneToTen, 50, ms(5)},
		{"1..10 p90", oneToTen, 90, ms(9)},
		{"1..10 p99 rounds up to the max", oneToTen, 99, ms(10)},
		{"1..10 p100", oneToTen, 100, ms(10)},
		{"1..10 tiny p is the min", oneToTen, 0.01, ms(1)},
		{"1..100 p50", hundred, 50, ms(50)},
		{"1..100 p90", hundred, 90, ms(90)},
		{"1..100 p99", hundred, 99, ms(99)},
		{"1..100 p99.9", hundred, 99.9, ms(100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%v, %g) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestSummariseSortsAndRounds(t *testing.T) {
	l := summarise([]time.Duration{ms(3), 1500 * time.Microsecond, ms(10), ms(2)})
	want := Latency{Count: 4, P50: 2, P90: 10, P99: 10, Max: 10}
	if l != want {
		t.Errorf("summarise = %+v, want %+v", l, want)
	}
}

func TestCheckTarget(t *testing.T) {
	tests := []struct {
		raw  string
		ok   bool
		base string
	}{
		{"http://127.0.0.1:8080", true, "http://127.0.0.1:8080"},
		{"http://127.0.0.1:8080/some/path?q=1#x", true, "http://127.0.0.1:8080"},
		{"http://127.0.0.1", true, "http://127.0.0.1"},
		{"http://127.255.3.4:9000", true, "http://127.255.3.4:9000"},
		{"https://127.0.0.1:8443", true, "https://127.0.0.1:8443"},
		{"http://localhost:8080", true, "http://localhost:8080"},
		{"http://LocalHost:8080", true, "http://LocalHost:8080"},
		{"http://[::1]:8080", true, "http://[::1]:8080"},
		{"http://[::ffff:127.0.0.1]:8080", true, "http://[::ffff:127.0.0.1]:8080"},

		{"http://10.0.0.1:8080", false, ""},
		{"http://192.168.1.10", false, ""},
		{"http://0.0.0.0:8080", false, ""},
		{"http://[::]:8080", false, ""},
		{"http://[fe80::1%25lo]:8080", false, ""},
		{"http://example.com", false, ""},
		{"http://localhost.example.com", false, ""},
		{"http://127.0.0.1.nip.io", false, ""},
		{"http://foo.localhost", false, ""},
		{"http://2130706433", false, ""}, // 127.0.0.1 as a number: not a literal we accept
		{"http://0x7f.1", false, ""},
		{"http://128.0.0.1", false, ""},
		{"http://user:pw@127.0.0.1", false, ""},
		{"ftp://127.0.0.1", false, ""},
		{"127.0.0.1:8080", false, ""},
		{"//127.0.0.1:8080", false, ""},
		{"http://", false, ""},
		{"http://127.0.0.1:99999", false, ""},
		{"http://127.0.0.1:0", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := checkTarget(tt.raw)
			if tt.ok != (err == nil) {
				t.Fatalf("checkTarget(%q) error = %v, want ok=%v", tt.raw, err, tt.ok)
			}
			if tt.ok && u.String() != tt.base {
				t.Errorf("checkTarget(%q) = %q, want %q", tt.raw, u, tt.base)
			}
		})
	}
}

func TestLoopbackDialer(t *testing.T) {
	dial := loopbackDialer(time.Second)
	for _, addr := range []string{"192.0.2.1:80", "[2001:db8::1]:80", "0.0.0.0:80"} {
		if c, err := dial(context.Background(), "tcp", addr); err == nil || !strings.Contains(err.Error(), "refusing") {
			if c != nil {
				c.Close()
			}
			t.Errorf("dial %s: err = %v, want a refusal", addr, err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback listener:", err)
	}
	defer ln.Close()
	c, err := dial(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("dial loopback %s: %v", ln.Addr(), err)
	}
	c.Close()
}

// known adapts the catalog to store.Known.
type known []store.Service

func (k known) HasService(id string) bool {
	return slices.ContainsFunc(k, func(s store.Service) bool { return s.ID == id })
}

func (k known) HasActivity(service, activity string) bool {
	for _, s := range k {
		if s.ID == service {
			_, ok := s.Activity(activity)
			return ok
		}
	}
	return false
}

// realCatalog is the generator's catalog built from the embedded data, as
// /api/v1/services would give it.
func realCatalog(t *testing.T) (*catalog, known) {
	t.Helper()
	cat, err := store.Load(data.FS, store.LoadOptions{})
	if err != nil {
		t.Fatalf("load the embedded data: %v", err)
	}
	var svcs []service
	for _, s := range cat.Services {
		sv := service{ID: s.ID, Incident: s.Incident, Terms: append([]string{s.Name, s.Kana}, s.Aliases...)}
		for _, a := range s.Activities {
			sv.Activities = append(sv.Activities, a.ID)
		}
		svcs = append(svcs, sv)
	}
	c, err := newCatalog(svcs)
	if err != nil {
		t.Fatal(err)
	}
	return c, known(cat.Services)
}

func TestGeneratedUsesParse(t *testing.T) {
	c, k := realCatalog(t)
	now := time.Now()
	shapes := map[string]int{}
	for seed := range uint64(3000) {
		r := rand.New(rand.NewPCG(seed, 7))
		q, err := url.ParseQuery(c.usesQuery(r))
		if err != nil {
			t.Fatalf("seed %d: query does not parse: %v", seed, err)
		}
		raw := q["use"]
		if len(raw) < 1 || len(raw) > 10 {
			t.Fatalf("seed %d: %d uses, want 1–10", seed, len(raw))
		}
		for _, s := range raw {
			if _, err := store.ParseUse(s, k, now); err != nil {
				t.Fatalf("seed %d: ParseUse(%q): %v", seed, s, err)
			}
			shapes[useShape(s)]++
		}
		if _, err := store.ParseUses(raw, k, now); err != nil {
			t.Fatalf("seed %d: ParseUses(%q): %v", seed, raw, err)
		}
	}
	// The mix has every shape the brief asks for.
	for _, shape := range []string{"no date", "unknown", "point", "range", "open range", "several"} {
		if shapes[shape] == 0 {
			t.Errorf("no use of shape %q in 3000 checks (shapes %v)", shape, shapes)
		}
	}
}

func useShape(s string) string {
	_, whens, ok := strings.Cut(s, "@")
	switch {
	case !ok:
		return "no date"
	case whens == "unknown":
		return "unknown"
	case strings.Contains(whens, ","):
		return "several"
	case strings.HasPrefix(whens, "..") || strings.HasSuffix(whens, ".."):
		return "open range"
	case strings.Contains(whens, ".."):
		return "range"
	}
	return "point"
}

func TestGeneratedDatesAreBetween2005And2025(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		for _, part := range strings.FieldsFunc(randomWhen(r), func(c rune) bool { return c == '.' || c == ',' }) {
			if y := part[:4]; y < "2005" || y > "2025" {
				t.Fatalf("year %s outside 2005–2025 in %q", y, part)
			}
		}
	}
}

func TestGeneratedJourneysAreValid(t *testing.T) {
	c, k := realCatalog(t)
	now := time.Now()
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 11))
		j := c.randomJourney(r)
		if len(j.Answers) < 1 || len(j.Answers) > 3 {
			t.Fatalf("seed %d: %d activities, want 1–3", seed, len(j.Answers))
		}
		var raw []string
		answered := map[string]bool{}
		for _, a := range j.Answers {
			svc, _, _ := strings.Cut(a.Key, ".")
			answered[svc] = true
			raw = append(raw, a.use())
		}
		for _, s := range j.Services {
			if !answered[s] {
				t.Fatalf("seed %d: service %s picked but no activity answered (step 2 would refuse)", seed, s)
			}
		}
		if len(answered) != len(j.Services) {
			t.Fatalf("seed %d: answers for services not picked: %v vs %v", seed, answered, j.Services)
		}
		if _, err := store.ParseUses(raw, k, now); err != nil {
			t.Fatalf("seed %d: the journey's answers %q do not parse: %v", seed, raw, err)
		}
		form := j.whenForm("tok")
		if form.Get("csrf") != "tok" || len(form["act"]) != len(j.Answers) {
			t.Fatalf("seed %d: step 2 form %v", seed, form)
		}
		for _, a := range j.Answers {
			if mode := form.Get("mode." + a.Key); mode != a.Mode {
				t.Fatalf("seed %d: mode.%s = %q, want %q", seed, a.Key, mode, a.Mode)
			}
		}
		sf := j.servicesForm("tok")
		if sf.Get("action") != "next" || !slices.Equal(sf["service"], j.Services) {
			t.Fatalf("seed %d: step 1 form %v", seed, sf)
		}
	}
}

func TestGeneratedQueries(t *testing.T) {
	c, _ := realCatalog(t)
	r := rand.New(rand.NewPCG(3, 4))
	seen := map[string]bool{}
	for range 2000 {
		q := c.randomQuery(r)
		if q == "" || !utf8.ValidString(q) || utf8.RuneCountInString(q) > 100 {
			t.Fatalf("bad query %q", q)
		}
		seen[q] = true
	}
	for _, want := range []string{"からーみー", "dlmarket", "ゲオ"} {
		if !seen[want] {
			t.Errorf("2000 queries never searched %q", want)
		}
	}
}

func TestPickerSharesRequests(t *testing.T) {
	p := newPicker(defaultMix)
	// 0.85 of the requests come one per task, 0.15 five per task.
	if want := 0.85 + 0.15/journeySteps; math.Abs(p.tasksPerRequest-want) > 1e-9 {
		t.Errorf("tasksPerRequest = %g, want %g", p.tasksPerRequest, want)
	}
	r := rand.New(rand.NewPCG(5, 6))
	requests := map[kind]float64{}
	total := 0.0
	for range 200000 {
		k := p.pick(r)
		n := 1.0
		if k == kindJourney {
			n = journeySteps
		}
		requests[k] += n
		total += n
	}
	for _, m := range defaultMix {
		if got := requests[m.kind] / total; math.Abs(got-m.share) > 0.01 {
			t.Errorf("%s: %.3f of requests, want %.2f", m.name, got, m.share)
		}
	}
}

func TestPageParsing(t *testing.T) {
	page := []byte(`<!doctype html><html><head><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/style.abc.css"></head>
<body><form method="post"><input type="hidden" name="csrf" value="tok-123_x"><input type="checkbox" name="act" value="dlmarket.card"></form></body></html>`)
	if got := csrfToken(page); got != "tok-123_x" {
		t.Errorf("csrfToken = %q", got)
	}
	if got := stylesheet(page); got != "/static/style.abc.css" {
		t.Errorf("stylesheet = %q", got)
	}
	if got := csrfToken([]byte(`<input name="q" value="x">`)); got != "" {
		t.Errorf("csrfToken without a csrf input = %q", got)
	}
}

func TestOutcomes(t *testing.T) {
	redirect := expect{status: http.StatusSeeOther, location: "/check/when"}
	statusTests := []struct {
		status   int
		location string
		want     expect
		outcome  string
	}{
		{200, "", wantOK, outOK},
		{200, "", wantAPI, outOK},
		{429, "", wantAPI, out429},
		{429, "", wantOK, out4xx}, // only the API is rate limited
		{500, "", wantOK, out5xx},
		{503, "", wantAPI, out5xx},
		{404, "", wantOK, out4xx},
		{403, "", redirect, out4xx},
		{303, "/check/when", redirect, outOK},
		{303, "/check?expired=1", redirect, outStatus},
		{200, "", redirect, outStatus},
		{302, "/", wantOK, outStatus},
	}
	for _, tt := range statusTests {
		if got, _ := statusOutcome(tt.status, tt.location, tt.want); got != tt.outcome {
			t.Errorf("statusOutcome(%d, %q, %+v) = %q, want %q", tt.status, tt.location, tt.want, got, tt.outcome)
		}
	}
	errTests := []struct {
		err  error
		want string
	}{
		{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, outRefused},
		{&url.Error{Op: "Get", Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}, outReset},
		{fmt.Errorf("x: %w", io.EOF), outReset},
		{errors.New("http: server closed idle connection"), outReset},
		{&url.Error{Op: "Get", Err: context.DeadlineExceeded}, outTimeout},
		{errors.New("something else"), outOther},
	}
	for _, tt := range errTests {
		if got := transportOutcome(tt.err); got != tt.want {
			t.Errorf("transportOutcome(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{nil, true},
		{[]string{"-duration", "20s", "-rate", "200", "-sigterm-at", "8s"}, true},
		{[]string{"-target", "http://127.0.0.1:8080"}, true},
		{[]string{"-target", "http://example.com"}, false},
		{[]string{"-duration", "11m"}, false},
		{[]string{"-duration", "0s"}, false},
		{[]string{"-rate", "0"}, false},
		{[]string{"-concurrency", "0"}, false},
		{[]string{"-duration", "10s", "-sigterm-at", "10s"}, false},
		{[]string{"-target", "http://127.0.0.1:8080", "-sigterm-at", "5s"}, false},
		{[]string{"extra"}, false},
	}
	for _, tt := range tests {
		_, err := parseFlags(tt.args, io.Discard)
		if tt.ok != (err == nil) {
			t.Errorf("parseFlags(%q) error = %v, want ok=%v", tt.args, err, tt.ok)
		}
	}
}
