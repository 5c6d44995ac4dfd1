package main

import (
	"bytes"
	"io"
	"net/http"
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
}
