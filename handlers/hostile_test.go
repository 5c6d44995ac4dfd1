package handlers_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"exposurecheck/handlers"
	"exposurecheck/store"
)

// hostileServer is the real application behind the real server limits.
// lockedBuffer is a log the server writes while a test reads it: the response
// reaches the test over a socket, which orders nothing for the race detector.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func hostileServer(t testing.TB, logs io.Writer) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewJSONHandler(logs, nil))
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, store.Tokyo)
	e := faultApp(t, handlers.Config{Logger: log, Now: func() time.Time { return now }, APIRate: 1e6})
	srv := httptest.NewUnstartedServer(e)
	srv.Config = handlers.HTTPServer(e, log)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

type hostileCase struct {
	name    string
	method  string
	target  string // raw request target, sent as is
	ctype   string
	body    string
	headers map[string]string
	want    int // 0: any 4xx
}

// hostileCorpus builds the malformed and malicious inputs.
func hostileCorpus() []hostileCase {
	var cs []hostileCase
	badUses := []string{
		"", "dlmarket", "dlmarket.", ".card", "dlmarket.card@", "dlmarket.card@@2018", "dlmarket..card",
		"nope.card", "dlmarket.nope", "DLMARKET.CARD", "dlmarket.card@2018-02-30", "dlmarket.card@2018-02-29",
		"dlmarket.card@0000-00-00", "dlmarket.card@2018-00", "dlmarket.card@2018-13", "dlmarket.card@2018-1-5",
		"dlmarket.card@2018-01-32", "dlmarket.card@18-01-01", "dlmarket.card@20180101", "dlmarket.card@2018/01/01",
		"dlmarket.card@2018-01-01T24:00", "dlmarket.card@2018-01-01T23:60", "dlmarket.card@2018-01-01T1:00",
		"dlmarket.card@2018-01-01T", "dlmarket.card@2018-01T10:00", "dlmarket.card@2018-05..2018-01",
		"dlmarket.card@2018-10-17T22:05..2018-10-17T22:04", "dlmarket.card@..", "dlmarket.card@...",
		"dlmarket.card@2018..2019..2020", "dlmarket.card@1989", "dlmarket.card@1900-01-01", "dlmarket.card@2027",
		"dlmarket.card@9999-12-31", "dlmarket.card@99999999999999999999", "dlmarket.card@-2018",
		"dlmarket.card@+2018", "dlmarket.card@2018,", "dlmarket.card@,2018", "dlmarket.card@2018,,2019",
		"dlmarket.card@unknown,2018", "dlmarket.card@UNKNOWN", "dlmarket.card@２０１８", "dlmarket.card@2018-10-17 22:05",
		"dlmarket.card@2018-10-17T22:05:00", "dlmarket.card@2018-10-17T22:05Z", "dlmarket.card@2018-10-17T22:05+09:00",
		"<script>alert(1)</script>", "dlmarket.card@<script>", "\"><img src=x onerror=alert(1)>.card",
		"dlmarket.card@2018'; DROP TABLE incidents;--", "' OR 1=1 --", "dlmarket.card' UNION SELECT body FROM incidents--",
		"../../etc/passwd", "dlmarket.card@../../etc/passwd", "%00", "dlmarket.card\x00", "dlmarket\x00.card",
		"\xff\xfe", "dlmarket.card@\xff", "ｄｌｍａｒｋｅｔ.card", "dlmarket.card@2018\u202e", "\u200bdlmarket.card",
		"dlmarket.card@" + strings.Repeat("2018,", 11) + "2018", "dlmarket.card@" + strings.Repeat("9", 500),
		strings.Repeat("a", 5000), strings.Repeat("dlmarket.", 100) + "card", "dlmarket.card@2018-10-17T22:05..",
	}
	// The last one is valid: drop it from the bad list after checking it parses below.
	badUses = badUses[:len(badUses)-1]
	for i, u := range badUses {
		q := "use=" + url.QueryEscape(u)
		cs = append(cs,
			hostileCase{name: fmt.Sprintf("result use %d", i), method: "GET", target: "/result?" + q, want: 400},
			hostileCase{name: fmt.Sprintf("api use %d", i), method: "GET", target: "/api/v1/check?" + q, want: 400},
		)
	}
	many := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString("use=dlmarket.card@2018-10-20")
		}
		return b.String()
	}
	cs = append(cs,
		hostileCase{name: "no use", method: "GET", target: "/result", want: 400},
		hostileCase{name: "api no use", method: "GET", target: "/api/v1/check", want: 400},
		hostileCase{name: "21 uses", method: "GET", target: "/result?" + many(21), want: 400},
		hostileCase{name: "10000 uses", method: "GET", target: "/api/v1/check?" + many(2000), want: 0},
		hostileCase{name: "duplicate uses", method: "GET", target: "/result?" + many(2), want: 400},
		hostileCase{name: "raw invalid utf8 in query", method: "GET", target: "/result?use=dlmarket.card@%ff%fe", want: 400},
		hostileCase{name: "broken escape", method: "GET", target: "/result?use=%zz", want: 400},
		hostileCase{name: "search nul", method: "GET", target: "/check?q=%00", want: 400},
		hostileCase{name: "search invalid utf8", method: "GET", target: "/check?q=%ff", want: 400},
		hostileCase{name: "search too long", method: "GET", target: "/check?q=" + strings.Repeat("%E3%81%82", 101), want: 400},
		hostileCase{name: "api search too long", method: "GET", target: "/api/v1/services?q=" + strings.Repeat("a", 101), want: 400},
		hostileCase{name: "edit bad use", method: "GET", target: "/check/edit?use=nope.card", want: 400},
		hostileCase{name: "edit no use", method: "GET", target: "/check/edit", want: 400},
	)
	for _, id := range []string{"..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "colorme-2018%00", "colorme-2018%2F..",
		"COLORME-2018", "colorme-2018.json", "%3Cscript%3E", "' OR '1'='1", "colorme-2018'--", strings.Repeat("x", 3000),
		"%ff", "colorme-2018%20", "%E2%80%AEcolorme"} {
		id = strings.ReplaceAll(id, " ", "%20")
		cs = append(cs,
			hostileCase{name: "incident id " + id, method: "GET", target: "/incidents/" + id, want: 404},
			hostileCase{name: "api incident id " + id, method: "GET", target: "/api/v1/incidents/" + id, want: 404},
			hostileCase{name: "service id " + id, method: "GET", target: "/services/" + id, want: 404},
		)
	}
	for _, p := range []string{"/../../etc/passwd", "/static/../../go.mod", "/static/style.css", "/static/%2e%2e/static.go",
		"/.git/config", "/api/v2/check", "/api/v1/", "/result/", "/index.php", "/wp-login.php"} {
		cs = append(cs, hostileCase{name: "path " + p, method: "GET", target: p, want: 404})
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		for _, p := range []string{"/", "/result", "/incidents", "/about", "/api/v1/check", "/api/v1/incidents"} {
			cs = append(cs, hostileCase{name: m + " " + p, method: m, target: p, want: 405})
		}
	}
	for _, m := range []string{"PUT", "DELETE"} {
		cs = append(cs, hostileCase{name: m + " /check", method: m, target: "/check", want: 405})
	}
	for _, ct := range []string{"application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=shift_jis", "", "application/xml"} {
		cs = append(cs,
			hostileCase{name: "POST /check as " + ct, method: "POST", target: "/check", ctype: ct, body: `{"service":["dlmarket"]}`},
			hostileCase{name: "POST /check/when as " + ct, method: "POST", target: "/check/when", ctype: ct, body: "act=dlmarket.card"},
		)
	}
	form := "application/x-www-form-urlencoded"
	cs = append(cs,
		hostileCase{name: "POST /check without csrf", method: "POST", target: "/check", ctype: form, body: "service=dlmarket&action=next", want: 403},
		hostileCase{name: "POST /check/when without csrf", method: "POST", target: "/check/when", ctype: form, body: "act=dlmarket.card", want: 403},
		hostileCase{name: "POST /check huge body", method: "POST", target: "/check", ctype: form, body: "q=" + strings.Repeat("a", 100<<10), want: 413},
		hostileCase{name: "POST /check nul body", method: "POST", target: "/check", ctype: form, body: "service=\x00&csrf=\x00"},
		hostileCase{name: "POST /check broken encoding", method: "POST", target: "/check", ctype: form, body: "service=%zz&csrf=%"},
		hostileCase{name: "POST /check/when 10000 acts", method: "POST", target: "/check/when", ctype: form, body: strings.Repeat("act=dlmarket.card&", 3000)},
		hostileCase{name: "forged session cookie", method: "POST", target: "/check", ctype: form, body: "service=dlmarket&csrf=x",
			headers: map[string]string{"Cookie": "check=" + strings.Repeat("A", 300)}, want: 303},
		hostileCase{name: "overlong cookie", method: "GET", target: "/check", headers: map[string]string{"Cookie": "check=" + strings.Repeat("A", 8000)}, want: 200},
		hostileCase{name: "overlong header", method: "GET", target: "/", headers: map[string]string{"X-Junk": strings.Repeat("A", 40<<10)}, want: 431},
	)
	return cs
}

// TestHostileInput sends every case over a raw connection (so targets reach
// the server unnormalised) and asserts a 4xx with a message, never a 5xx.
func TestHostileInput(t *testing.T) {
	var logs lockedBuffer
	srv := hostileServer(t, &logs)
	corpus := hostileCorpus()
	if len(corpus) < 200 {
		t.Fatalf("corpus has %d cases, want at least 200", len(corpus))
	}
	t.Logf("hostile corpus: %d cases", len(corpus))
	for _, tc := range corpus {
		t.Run(tc.name, func(t *testing.T) {
			status, header, body := rawRequest(t, srv.Listener.Addr().String(), tc)
			// A forged session cookie is not an error: it restarts the questionnaire.
			restart := tc.want == 303 || tc.want == 200
			if status >= 500 || (status < 400 && !restart) {
				t.Fatalf("%s %q: status %d, want 4xx\n%s", tc.method, clipTest(tc.target), status, clipTest(body))
			}
			if tc.want != 0 && status != tc.want {
				t.Fatalf("%s %q: status %d, want %d", tc.method, clipTest(tc.target), status, tc.want)
			}
			if status == 431 {
				return // net/http answers before our code runs
			}
			if restart {
				if status == 303 && header.Get("Location") != "/check?expired=1" {
					t.Fatalf("forged cookie redirected to %q", header.Get("Location"))
				}
				if status == 200 && !strings.Contains(body, "最初からやり直しています") {
					t.Fatal("forged cookie: fresh questionnaire without a message")
				}
				return
			}
			ctype := header.Get("Content-Type")
			switch {
			case strings.HasPrefix(ctype, "application/json"):
				var e struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || !hasJapanese(e.Error.Message) {
					t.Fatalf("JSON error body without code or Japanese message: %s", clipTest(body))
				}
			case strings.HasPrefix(ctype, "text/html"):
				if !strings.Contains(body, "<h1>") || !hasJapanese(body) {
					t.Fatalf("HTML error page without h1 or Japanese text: %s", clipTest(body))
				}
				if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
					t.Fatalf("hostile markup echoed unescaped: %s", clipTest(body))
				}
			case tc.method == "HEAD":
			default:
				t.Fatalf("unexpected content type %q", ctype)
			}
		})
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Fatalf("hostile input logged server errors:\n%s", clipTest(logs.String()))
	}
	// The server still answers normally afterwards.
	resp, err := http.Get(srv.URL + "/result?use=dlmarket.card@2018-10-20")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("server unhealthy after the corpus: %v %v", err, resp)
	}
	resp.Body.Close()
}

func rawRequest(t *testing.T, addr string, tc hostileCase) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var req bytes.Buffer
	fmt.Fprintf(&req, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", tc.method, tc.target, addr)
	if tc.ctype != "" {
		fmt.Fprintf(&req, "Content-Type: %s\r\n", tc.ctype)
	}
	for k, v := range tc.headers {
		fmt.Fprintf(&req, "%s: %s\r\n", k, v)
	}
	if tc.body != "" || tc.method == "POST" {
		fmt.Fprintf(&req, "Content-Length: %d\r\n", len(tc.body))
	}
	req.WriteString("\r\n")
	req.WriteString(tc.body)
	if _, err := conn.Write(req.Bytes()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufioReader(conn), nil)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if (r >= 0x3040 && r <= 0x30ff) || (r >= 0x4e00 && r <= 0x9fff) {
			return true
		}
	}
	return false
}

func clipTest(s string) string {
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	return s
}

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }
