package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSynthDataServesAtScale writes synthetic incidents, validates them with
// their notices, and serves them: lists stay phone-sized (step 1 asks for a
// name past MaxListed services; /incidents pages by 100) and search finds a
// made-up brand through the index.
func TestSynthDataServesAtScale(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(t.Context(), []string{"synth", "--incidents", "150", "--out", dir}, &out, &errb, noEnv); code != 0 {
		t.Fatalf("synth: exit %d: %s", code, errb.String())
	}
	none := filepath.Join(dir, "no-excerpts")
	if err := os.Mkdir(none, 0o755); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--data", dir, "--notices", filepath.Join(dir, "notices"), "--excerpts", none}
	out.Reset()
	if code := run(t.Context(), append([]string{"validate"}, flags...), &out, &errb, noEnv); code != 0 || !strings.HasPrefix(out.String(), "data is valid: 150 incidents") {
		t.Fatalf("validate: exit %d: %s%s", code, out.String(), errb.String())
	}
	addr, _ := startProgram(t, flags...)
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	services := regexp.MustCompile(`name="service"`)
	code, body := get("/check")
	if n := len(services.FindAllString(body, -1)); code != 200 || n == 0 || n > 100 || !strings.Contains(body, "名前で探してください") {
		t.Errorf("/check: status %d, %d services listed, want 1–100 and a request for a name", code, n)
	}
	// Every synthetic service id holds "synth": past 100 matches, the rest are counted, not listed.
	code, body = get("/check?q=synth")
	if n := len(services.FindAllString(body, -1)); code != 200 || n != 100 || !strings.Contains(body, "名前をもう少し詳しく入力してください") {
		t.Errorf("/check?q=synth: status %d, %d services listed, want 100 and a request for more of the name", code, n)
	}
	if code, body = get("/check?q=synth-00042-s0"); code != 200 || !strings.Contains(body, `value="synth-00042-s0"`) {
		t.Errorf("search by id: status %d, service not found", code)
	}
	if code, body = get("/incidents"); code != 200 || !strings.Contains(body, "1 / 2 ページ") || !strings.Contains(body, `href="/incidents?page=2"`) {
		t.Errorf("/incidents: status %d, want page 1 of 2 with a link to the next", code)
	}
	if code, _ = get("/incidents?page=2"); code != 200 {
		t.Errorf("/incidents?page=2: status %d", code)
	}
	for path, want := range map[string]int{"/incidents?page=3": 404, "/incidents?page=0": 400, "/incidents?page=x": 400} {
		if code, _ = get(path); code != want {
			t.Errorf("%s: status %d, want %d", path, code, want)
		}
	}

	// Past MaxListed, a service picked before a search that does not match
	// it stays in the form, ticked and hidden, after the matches.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Get("http://" + addr + "/check")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(b))
	if csrf == nil {
		t.Fatal("no csrf field on /check")
	}
	resp, err = client.PostForm("http://"+addr+"/check", url.Values{"csrf": {csrf[1]}, "service": {"synth-00007-s0"}, "action": {"search"}, "q": {"synth-00042"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	picked := regexp.MustCompile(`<div class="option" data-service="synth-00007-s0"[^>]* hidden><label[^>]*><input [^>]*value="synth-00007-s0" checked>`)
	matches := regexp.MustCompile(`data-service="synth-00042-s\d"`).FindAllStringIndex(page, -1)
	if at := picked.FindStringIndex(page); resp.StatusCode != 200 || at == nil || len(matches) == 0 || at[0] < matches[len(matches)-1][0] {
		t.Errorf("search synth-00042 with synth-00007-s0 picked: status %d, picked option at %v, matches at %v; want it ticked, hidden, after the matches", resp.StatusCode, at, matches)
	}
}
