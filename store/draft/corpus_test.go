package draft

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

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
