package draft

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
)

// sharedDir is where the notices sit beside a checkout of this repository.
const sharedDir = "../../../shared"

// corpus lists the notice and excerpt files, skipping the test when the
// shared folder is not there (a fresh clone without the notices).
func corpus(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"notices", "excerpts"} {
		fs, err := filepath.Glob(filepath.Join(sharedDir, dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Skipf("no notices under %s", sharedDir)
	}
	return files
}

// valueLine finds the values a draft copies from the text: quotes, printed
// contact values and URLs, and excerpts' retrieved_from.
var valueLine = regexp.MustCompile(`^\s*(?:- )?(quote|count_quote|value|url|retrieved_from|title): (".*?")(?:\s+#.*)?$`)

// TestDraftQuotesAreInTheText is the guard against invented values: every
// quoted value of every draft must be found in its notice (white space and
// width aside), never across an excerpt's 「source:」 line.
func TestDraftQuotesAreInTheText(t *testing.T) {
	for _, f := range corpus(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := Build(string(raw), Options{File: filepath.Base(f), Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}).YAML()
			body, url := SplitSource(string(raw))
			text := Normalise(body)
			checked := 0
			for i, line := range strings.Split(out, "\n") {
				m := valueLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				var v string
				if err := json.Unmarshal([]byte(m[2]), &v); err != nil {
					t.Fatalf("line %d: not a JSON-style string: %s", i+1, line)
				}
				checked++
				switch {
				case m[1] == "retrieved_from":
					if v != url {
						t.Errorf("line %d: retrieved_from %q, line 1 says %q", i+1, v, url)
					}
				case v == "TODO" && (m[1] == "title" || m[1] == "quote"):
				case !strings.Contains(text, Normalise(v)):
					t.Errorf("line %d: %s not in the text: %q", i+1, m[1], v)
				}
			}
			if checked == 0 {
				t.Errorf("no quoted values checked")
			}
		})
	}
}

// TestDraftIsYAML checks that each draft parses as YAML and has the format's
// top-level keys, so a curator starts from a file the loader can read.
func TestDraftIsYAML(t *testing.T) {
	for _, f := range corpus(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := Build(string(raw), Options{File: filepath.Base(f)}).YAML()
			var m map[string]any
			if err := yaml.Unmarshal([]byte(out), &m); err != nil {
				t.Fatalf("draft is not YAML: %v\n%s", err, out)
			}
			for _, k := range []string{"id", "notice", "updated", "title", "organisations", "summary", "sources", "updates", "timeline", "services", "populations", "contacts", "notes"} {
				if _, ok := m[k]; !ok {
					t.Errorf("draft has no %q", k)
				}
			}
		})
	}
}

// FuzzBuild checks that no text makes the draft fail and that every quote
// the draft writes is still found in the text.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		"", "source: https://x.jp/\n", "2018年1月7日〜", "0120-", "最大 9,430件", "※2018年2月21日追記\n", "(((「「【【",
		"・2018年10月17日22時05分から2018年11月12日21時50分\n上記期間内に入力された方\n■専用ダイヤル:0120-790-230\n■受付時間:9:30~18:30(土・日・祝祭日を含む)",
		"平成28年7月11日\n7月13日〜 同日 翌日 本日 昨年12月 12/31(金) 24時 午後13時",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip("the command refuses text that is not UTF-8")
		}
		out := Build(s, Options{File: "f.txt"}).YAML()
		body, _ := SplitSource(s)
		text := Normalise(body)
		for _, line := range strings.Split(out, "\n") {
			m := valueLine.FindStringSubmatch(line)
			if m == nil || m[1] == "retrieved_from" {
				continue
			}
			var v string
			if err := json.Unmarshal([]byte(m[2]), &v); err != nil {
				t.Fatalf("not a JSON-style string: %s", line)
			}
			if v != "TODO" && !strings.Contains(text, Normalise(v)) {
				t.Fatalf("%s not in the text: %q", m[1], v)
			}
		}
	})
}
