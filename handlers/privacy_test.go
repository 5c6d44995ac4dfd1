package handlers_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// TestLogsHoldNoAnswers runs a whole journey and asserts that nothing a
// person answered — services, activities, dates, search words — reaches the log.
func TestLogsHoldNoAnswers(t *testing.T) {
	var logs lockedBuffer
	srv := hostileServer(t, &logs)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(path string) string {
		t.Helper()
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	post := func(path string, form url.Values) string {
		t.Helper()
		resp, err := client.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	page := get("/check?q=" + url.QueryEscape("からーみー"))
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no csrf field on /check")
	}
	page = post("/check", url.Values{"csrf": {m[1]}, "service": {"dlmarket", "colorme"}, "action": {"next"}})
	if !strings.Contains(page, "何をしたか") {
		t.Fatal("POST /check did not lead to step 2")
	}
	page = post("/check/when", url.Values{"csrf": {m[1]},
		"act": {"dlmarket.card", "colorme.owner-card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2018-10-20"},
		"mode.colorme.owner-card": {"month"}, "month.colorme.owner-card": {"2017-03"}})
	if !strings.Contains(page, "確認結果") {
		t.Fatal("POST /check/when did not lead to the result")
	}
	get("/api/v1/check?use=dlmarket.card@2018-10-20")
	get("/services/colorme")
	get("/check/edit?use=dlmarket.card@2018-10-20")

	// Timestamps, durations and random request ids may contain digits like
	// "2018" by chance; everything else must be free of answers.
	var kept []string
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		delete(rec, "time")
		delete(rec, "duration_ms")
		delete(rec, "request_id")
		b, _ := json.Marshal(rec)
		kept = append(kept, string(b))
	}
	out := strings.Join(kept, "\n")
	if !strings.Contains(out, `"route":"/result"`) || !strings.Contains(out, `"route":"/check/when"`) {
		t.Fatalf("the log should still record the routes:\n%s", out)
	}
	for _, secret := range []string{"dlmarket", "colorme", "owner-card", "card@", "2018", "2017", "からーみー",
		url.QueryEscape("からーみー"), "use=", "q=", "csrf", m[1]} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}
