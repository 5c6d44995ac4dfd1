package handlers_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"exposurecheck/handlers"
)

// fiveUses is the result page the page-weight goal is about.
const fiveUses = "/result?use=dlmarket.card@2018-10-17T22:10&use=colorme.owner-card@2017-06&use=colorme.owner@2017" +
	"&use=stylestore.card@2016-08&use=can-makeshop.member@2014-06"

// raw is a response read without any transparent decoding.
type raw struct {
	status int
	header http.Header
	body   []byte
}

// rawDo sends method path with the given headers on a transport that
// neither adds Accept-Encoding nor decodes, so the test sees the wire.
func rawDo(t *testing.T, srv *httptest.Server, method, path string, hdr ...string) raw {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return raw{resp.StatusCode, resp.Header, body}
}

func decode(t *testing.T, r raw) []byte {
	t.Helper()
	var rd io.Reader
	switch enc := r.header.Get("Content-Encoding"); enc {
	case "":
		return r.body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(r.body))
		if err != nil {
			t.Fatal(err)
		}
		rd = zr
	case "br":
		rd = brotli.NewReader(bytes.NewReader(r.body))
	default:
		t.Fatalf("Content-Encoding %q", enc)
	}
	out, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("decoding %s: %v", r.header.Get("Content-Encoding"), err)
	}
	return out
}

func varies(h http.Header) bool {
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return true
			}
		}
	}
	return false
}

// TestDynamicGzip: pages and JSON are gzipped for a client that accepts it,
// sent as is to one that does not, always with Vary, and decode to the same
// bytes.
func TestDynamicGzip(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	// (Not /check: each answer there carries a fresh CSRF token.)
	for _, path := range []string{fiveUses, "/", "/incidents/colorme-2018", "/about", "/api/v1/incidents",
		"/api/v1/check?use=dlmarket.card@2018-10-20", "/nope"} {
		plain := rawDo(t, srv, "GET", path)
		if plain.header.Get("Content-Encoding") != "" {
			t.Errorf("%s without Accept-Encoding: Content-Encoding %q", path, plain.header.Get("Content-Encoding"))
		}
		if !varies(plain.header) {
			t.Errorf("%s without Accept-Encoding: Vary %q, want Accept-Encoding", path, plain.header.Values("Vary"))
		}
		for _, ae := range []string{"gzip", "gzip, deflate, br, zstd", "br;q=1, gzip;q=0.5"} {
			gz := rawDo(t, srv, "GET", path, "Accept-Encoding", ae)
			if gz.status != plain.status {
				t.Errorf("%s (%s): status %d, uncompressed %d", path, ae, gz.status, plain.status)
			}
			if got := gz.header.Get("Content-Encoding"); got != "gzip" {
				t.Errorf("%s (%s): Content-Encoding %q, want gzip", path, ae, got)
				continue
			}
			if !varies(gz.header) {
				t.Errorf("%s (%s): Vary %q, want Accept-Encoding", path, ae, gz.header.Values("Vary"))
			}
			if len(gz.body) >= len(plain.body) {
				t.Errorf("%s: gzip %d B, not smaller than %d B", path, len(gz.body), len(plain.body))
			}
			if !bytes.Equal(decode(t, gz), plain.body) {
				t.Errorf("%s (%s): decompressed body differs from the uncompressed one", path, ae)
			}
			// Sent whole, with its length: no chunked framing.
			if cl := gz.header.Get("Content-Length"); cl != strconv.Itoa(len(gz.body)) {
				t.Errorf("%s (%s): Content-Length %q for %d bytes", path, ae, cl, len(gz.body))
			}
		}
		for _, ae := range []string{"gzip;q=0", "identity", "deflate", "br"} {
			if got := rawDo(t, srv, "GET", path, "Accept-Encoding", ae).header.Get("Content-Encoding"); got != "" {
				t.Errorf("%s (Accept-Encoding %s): Content-Encoding %q, want none", path, ae, got)
			}
		}
	}
	// A tiny body is not worth compressing.
	if got := rawDo(t, srv, "GET", "/healthz", "Accept-Encoding", "gzip").header.Get("Content-Encoding"); got != "" {
		t.Errorf("/healthz: Content-Encoding %q, want none for a 3-byte body", got)
	}
}

// TestStaticPrecompressed: CSS and script in brotli or gzip as accepted,
// the icon (a PNG) as is; every variant decodes to the file.
func TestStaticPrecompressed(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	page := rawDo(t, srv, "GET", "/")
	var assets []string
	for _, attr := range []string{`<link rel="stylesheet" href="`, `<script src="`} {
		_, rest, ok := strings.Cut(string(page.body), attr)
		if !ok {
			t.Fatalf("no %s… on /", attr)
		}
		u, _, _ := strings.Cut(rest, `"`)
		assets = append(assets, u)
	}
	for _, path := range assets {
		plain := rawDo(t, srv, "GET", path)
		if plain.status != 200 || plain.header.Get("Content-Encoding") != "" || !varies(plain.header) {
			t.Fatalf("%s plain: %d %q Vary %q", path, plain.status, plain.header.Get("Content-Encoding"), plain.header.Values("Vary"))
		}
		for ae, want := range map[string]string{
			"gzip, deflate, br, zstd": "br", "br": "br", "gzip": "gzip", "gzip, br;q=0.5": "gzip",
			"br;q=0, gzip": "gzip", "*": "br", "deflate": "", "br;q=0, gzip;q=0": "", "identity": "",
		} {
			r := rawDo(t, srv, "GET", path, "Accept-Encoding", ae)
			if got := r.header.Get("Content-Encoding"); got != want {
				t.Errorf("%s (Accept-Encoding %q): Content-Encoding %q, want %q", path, ae, got, want)
			}
			if !varies(r.header) {
				t.Errorf("%s (%q): no Vary: Accept-Encoding", path, ae)
			}
			if !bytes.Equal(decode(t, r), plain.body) {
				t.Errorf("%s (%q): decoded body differs from the file", path, ae)
			}
			if cl := r.header.Get("Content-Length"); cl != strconv.Itoa(len(r.body)) {
				t.Errorf("%s (%q): Content-Length %q for %d bytes", path, ae, cl, len(r.body))
			}
		}
		// Document-only headers are left off assets; nosniff is not.
		r := rawDo(t, srv, "GET", path, "Accept-Encoding", "br")
		if r.header.Get("Content-Security-Policy") != "" || r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: CSP %q, nosniff %q", path, r.header.Get("Content-Security-Policy"), r.header.Get("X-Content-Type-Options"))
		}
		// The URL is fingerprinted, and the ETag lets a revalidation be cheap.
		etag := r.header.Get("ETag")
		if nm := rawDo(t, srv, "GET", path, "If-None-Match", etag, "Accept-Encoding", "br"); nm.status != 304 || len(nm.body) != 0 {
			t.Errorf("%s If-None-Match %s: %d with %d bytes, want 304 and none", path, etag, nm.status, len(nm.body))
		}
	}
	icon := rawDo(t, srv, "GET", "/favicon.ico", "Accept-Encoding", "gzip, br")
	if icon.status != 200 || icon.header.Get("Content-Encoding") != "" || icon.header.Get("Content-Type") != "image/x-icon" {
		t.Errorf("/favicon.ico: %d %q %q", icon.status, icon.header.Get("Content-Encoding"), icon.header.Get("Content-Type"))
	}
}

// TestPagesNeedNoIconRequest: the icon is inline, so the first view of a
// page costs the HTML, the stylesheet and the script, nothing more.
func TestPagesNeedNoIconRequest(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	body := string(rawDo(t, srv, "GET", fiveUses).body)
	if !strings.Contains(body, `<link rel="icon" href="data:image/x-icon;base64,`) {
		t.Errorf("the result page does not carry its icon inline")
	}
	if strings.Contains(body, `/favicon.ico`) {
		t.Errorf("the result page still links /favicon.ico")
	}
	if csp := rawDo(t, srv, "GET", fiveUses).header.Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data:") {
		t.Errorf("CSP %q does not allow the data: icon", csp)
	}
}

// TestETag: data pages carry the data's ETag and answer 304 to it, whatever
// the encoding; personal pages never carry one and never answer 304.
func TestETag(t *testing.T) {
	unlimited := func(now time.Time) *httptest.Server { // many API requests here
		srv := httptest.NewServer(faultApp(t, handlers.Config{Now: func() time.Time { return now }, NoAPIRateLimit: true}))
		t.Cleanup(srv.Close)
		return srv
	}
	srv := unlimited(fixedNow)
	data := []string{"/", "/incidents", "/incidents/colorme-2018", "/services/colorme", "/about",
		"/api/v1/services", "/api/v1/services?q=colorme", "/api/v1/incidents", "/api/v1/incidents/colorme-2018"}
	for _, path := range data {
		first := rawDo(t, srv, "GET", path, "Accept-Encoding", "gzip")
		etag := first.header.Get("ETag")
		if first.status != 200 || !strings.HasPrefix(etag, `W/"`) {
			t.Errorf("%s: %d ETag %q, want 200 with a weak ETag", path, first.status, etag)
			continue
		}
		if plain := rawDo(t, srv, "GET", path); plain.header.Get("ETag") != etag {
			t.Errorf("%s: ETag %q uncompressed, %q gzipped", path, plain.header.Get("ETag"), etag)
		}
		for _, inm := range []string{etag, strings.TrimPrefix(etag, "W/"), `"other", ` + etag, "*"} {
			for _, method := range []string{"GET", "HEAD"} {
				nm := rawDo(t, srv, method, path, "If-None-Match", inm, "Accept-Encoding", "gzip")
				if nm.status != http.StatusNotModified || len(nm.body) != 0 {
					t.Errorf("%s %s If-None-Match %s: %d with %d bytes, want 304 and none", method, path, inm, nm.status, len(nm.body))
				}
				if nm.header.Get("ETag") != etag || nm.header.Get("Cache-Control") != first.header.Get("Cache-Control") {
					t.Errorf("%s %s 304: ETag %q Cache-Control %q, want those of the 200 (%q, %q)", method, path,
						nm.header.Get("ETag"), nm.header.Get("Cache-Control"), etag, first.header.Get("Cache-Control"))
				}
			}
		}
		if r := rawDo(t, srv, "GET", path, "If-None-Match", `W/"stale"`); r.status != 200 {
			t.Errorf("%s with a stale ETag: %d, want 200", path, r.status)
		}
	}
	// Personal pages: no validator, no 304, never public.
	for _, path := range []string{fiveUses, "/api/v1/check?use=dlmarket.card@2018-10-20", "/check", "/check/when"} {
		r := rawDo(t, srv, "GET", path, "If-None-Match", "*")
		if r.status == http.StatusNotModified || r.header.Get("ETag") != "" || strings.Contains(r.header.Get("Cache-Control"), "public") {
			t.Errorf("%s: %d ETag %q Cache-Control %q", path, r.status, r.header.Get("ETag"), r.header.Get("Cache-Control"))
		}
	}
	// An error page has no validator.
	if r := rawDo(t, srv, "GET", "/incidents/nope"); r.status != 404 || r.header.Get("ETag") != "" {
		t.Errorf("/incidents/nope: %d ETag %q", r.status, r.header.Get("ETag"))
	}
	// The same data and build give the same tag; incident pages (which show
	// whether desks are open now) change tag with the minute.
	other := unlimited(fixedNow.Add(30 * time.Second))
	later := unlimited(fixedNow.Add(time.Minute))
	tag := func(s *httptest.Server, p string) string { return rawDo(t, s, "GET", p).header.Get("ETag") }
	if tag(srv, "/") != tag(later, "/") {
		t.Errorf("/: the ETag changed with the clock")
	}
	if tag(srv, "/incidents/colorme-2018") != tag(other, "/incidents/colorme-2018") {
		t.Errorf("/incidents/colorme-2018: the ETag changed within the minute")
	}
	if tag(srv, "/incidents/colorme-2018") == tag(later, "/incidents/colorme-2018") {
		t.Errorf("/incidents/colorme-2018: the ETag did not change with the minute")
	}
}

// TestHeadMatchesGet: HEAD answers the headers of the GET, including the
// length of the (compressed) body, and no body.
func TestHeadMatchesGet(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	for _, path := range []string{fiveUses, "/", "/nope", "/favicon.ico"} {
		for _, ae := range []string{"", "gzip"} {
			get := rawDo(t, srv, "GET", path, "Accept-Encoding", ae)
			head := rawDo(t, srv, "HEAD", path, "Accept-Encoding", ae)
			if head.status != get.status || len(head.body) != 0 {
				t.Errorf("HEAD %s (%q): %d with %d bytes, GET %d", path, ae, head.status, len(head.body), get.status)
			}
			if head.header.Get("Content-Encoding") != get.header.Get("Content-Encoding") {
				t.Errorf("HEAD %s (%q): Content-Encoding %q, GET %q", path, ae, head.header.Get("Content-Encoding"), get.header.Get("Content-Encoding"))
			}
			if cl := head.header.Get("Content-Length"); cl != strconv.Itoa(len(get.body)) {
				t.Errorf("HEAD %s (%q): Content-Length %q, GET sends %d bytes", path, ae, cl, len(get.body))
			}
		}
	}
}

// TestFirstViewWeight: the first view of the five-use result — the page,
// its stylesheet and its script, as a browser asks for them — stays within
// 12 KB on the wire (status lines, headers and bodies), in three requests.
// It grew past that once, unnoticed, when the result page's styles and
// script were added to the shared files; the result page now has its own.
func TestFirstViewWeight(t *testing.T) {
	srv := newTestServer(t, fixedNow)
	const ae = "gzip, deflate, br, zstd"
	wire := func(r raw) int {
		var h bytes.Buffer
		_ = r.header.Write(&h)
		return len("HTTP/1.1 200 OK\r\n") + h.Len() + len("\r\n") + len(r.body)
	}
	page := rawDo(t, srv, "GET", fiveUses, "Accept-Encoding", ae)
	html := string(decode(t, page))
	total, requests := wire(page), 1
	for _, attr := range []string{`<link rel="stylesheet" href="`, `<script src="`} {
		if strings.Count(html, attr) != 1 {
			t.Fatalf("the result page has %d of %s…, want 1", strings.Count(html, attr), attr)
		}
		_, rest, _ := strings.Cut(html, attr)
		u, _, _ := strings.Cut(rest, `"`)
		r := rawDo(t, srv, "GET", u, "Accept-Encoding", ae)
		if r.status != 200 {
			t.Fatalf("%s: %d", u, r.status)
		}
		total += wire(r)
		requests++
		// The result's own stylesheet and script carry nothing of the
		// questionnaire's.
		text := string(decode(t, r))
		for _, other := range []string{".progress", "fieldset", ".option", "data-filter", "fieldset.when"} {
			if strings.Contains(text, other) {
				t.Errorf("%s holds the questionnaire's %q", u, other)
			}
		}
	}
	if total > 12000 || requests != 3 {
		t.Errorf("first view of the five-use result: %d B in %d requests, want ≤ 12,000 B in 3", total, requests)
	}
	t.Logf("first view: %d B in %d requests", total, requests)

	// The questionnaire still gets its styles and script.
	step := string(rawDo(t, srv, "GET", "/check").body)
	for _, want := range []string{"/static/style.", "/static/check."} {
		if !strings.Contains(step, want) {
			t.Errorf("/check does not link %s…", want)
		}
	}
}
