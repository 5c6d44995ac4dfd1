package store_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/unicode/norm"

	"exposurecheck/data"
	"exposurecheck/store"
)

// noticesDir and excerptsDir are shared/notices and shared/excerpts seen from
// this package's folder (/work/main/store → /work/shared/notices).
const (
	noticesDir  = "../../shared/notices"
	excerptsDir = "../../shared/excerpts"
)

// noticeText reads a notice or an excerpt as quotes are checked against it:
// an excerpt's "source:" line is not notice text.
func noticeText(t *testing.T, name string) string {
	t.Helper()
	for _, dir := range []string{noticesDir, excerptsDir} {
		b, err := os.ReadFile(path.Join(dir, name))
		if err != nil {
			continue
		}
		text := string(b)
		if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "source:") {
			text = rest
		}
		return text
	}
	t.Fatalf("notice %q is in neither %s nor %s", name, noticesDir, excerptsDir)
	return ""
}

// fold is written here again, not taken from the store: width folded and
// without white space.
func fold(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), "")
}

// notices returns the notices folder, skipping the test when it is absent (it is
// not part of the repository) unless running in CI, where it must be there.
func notices(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(noticesDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("notices folder %s is required in CI: %v", noticesDir, err)
		}
		t.Skipf("notices folder %s not present: %v", noticesDir, err)
	}
	return noticesDir
}

// TestQuotesFoundInNotices runs the loader with the notices: every quote, URL and
// contact value must appear verbatim (white space normalised) in its notice.
func TestQuotesFoundInNotices(t *testing.T) {
	dir := notices(t)
	cat, err := store.Load(data.FS, store.LoadOptions{Notices: dir, Excerpts: excerptsDir, Name: "data/"})
	if err != nil {
		var ps store.Problems
		if errors.As(err, &ps) {
			for _, p := range ps {
				t.Error(p)
			}
			return
		}
		t.Fatal(err)
	}
	// Every notice we hold is the source of some incident.
	used := map[string]bool{}
	for _, inc := range cat.Incidents {
		used[inc.Notice.File] = true
	}
	for _, d := range []string{dir, excerptsDir} {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".txt") && !used[e.Name()] {
				t.Errorf("notice %s/%s is not the source of any incident file", d, e.Name())
			}
		}
	}
}

// TestQuotesFoundInNoticesIndependently does not trust the loader: it walks every
// data file as plain YAML and checks each "quote" (wherever it sits), each
// contact value and each source URL against the notice the file names. A field
// the loader forgot to check is caught here.
func TestQuotesFoundInNoticesIndependently(t *testing.T) {
	notices(t)
	files, err := fs.Glob(data.FS, "incidents/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no incident files: %v", err)
	}
	for _, f := range files {
		t.Run(path.Base(f), func(t *testing.T) {
			b, err := fs.ReadFile(data.FS, f)
			if err != nil {
				t.Fatal(err)
			}
			var doc map[string]any
			if err := yaml.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			ref, _ := doc["notice"].(map[string]any)
			name, _ := ref["file"].(string)
			notice := fold(noticeText(t, name))
			n := 0
			walk(doc, "$", func(p, key string, v any) {
				s, isString := v.(string)
				switch {
				case key == "quote" || strings.HasSuffix(key, "_quote"):
					n++
					if !isString || strings.TrimSpace(s) == "" {
						t.Errorf("%s: empty quote", p)
						return
					}
					if !strings.Contains(notice, fold(s)) {
						t.Errorf("%s: quote not in %s: %q", p, name, s)
					}
				case key == "url" && isString, key == "value" && strings.Contains(p, ".contacts["):
					if !strings.Contains(notice, fold(s)) {
						t.Errorf("%s: %q not in %s", p, s, name)
					}
				}
			})
			if n == 0 {
				t.Error("no quotes found at all")
			}
		})
	}
}

// walk calls fn for every map entry, depth first, in key order.
func walk(v any, p string, fn func(p, key string, v any)) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fn(p+"."+k, k, v[k])
			walk(v[k], p+"."+k, fn)
		}
	case []any:
		for i, e := range v {
			walk(e, fmt.Sprintf("%s[%d]", p, i), fn)
		}
	}
}

// TestBundledDataLoads loads every data file with no notices folder: the data is
// valid on its own, and it holds the services and activities of design §3.
func TestBundledDataLoads(t *testing.T) {
	cat, err := store.Load(data.FS, store.LoadOptions{Name: "data/"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	files, _ := fs.Glob(data.FS, "incidents/*.yaml")
	if len(cat.Incidents) != len(files) {
		t.Errorf("%d incidents from %d files", len(cat.Incidents), len(files))
	}
	want := map[string][]string{
		"colorme":             {"owner", "owner-card", "buyer"},
		"stylestore":          {"card"},
		"cocomo":              {"card"},
		"can-makeshop":        {"owner", "member"},
		"makeshop":            {"owner", "member"},
		"geo-eshop":           {"order"},
		"geo-eshop-rakuten":   {"order"},
		"geo-eshop-au":        {"order"},
		"geo-eshop-amazon":    {"order"},
		"geo-shops":           {"use"},
		"geo-online":          {"use"},
		"geo-takuhai-rental":  {"use"},
		"jumble-store-online": {"use"},
		"dlmarket":            {"card", "member"},
	}
	notAffected := map[string]bool{"geo-shops": true, "geo-online": true, "geo-takuhai-rental": true, "jumble-store-online": true}
	got := map[string][]string{}
	for _, s := range cat.Services {
		if _, ok := want[s.ID]; !ok {
			continue // a service of a later incident; design §3 lists the first five notices'
		}
		for _, a := range s.Activities {
			got[s.ID] = append(got[s.ID], a.ID)
			if a.Label == "" || a.Question == "" {
				t.Errorf("%s.%s: label or question missing", s.ID, a.ID)
			}
		}
		if (s.Unaffected != nil) != notAffected[s.ID] {
			t.Errorf("service %s: not-affected statement %v, want %v", s.ID, s.Unaffected != nil, notAffected[s.ID])
		}
	}
	for id, acts := range want {
		if strings.Join(got[id], ",") != strings.Join(acts, ",") {
			t.Errorf("service %s: activities %v, want %v", id, got[id], acts)
		}
	}
	for _, a := range cat.Advice {
		if a.Label == "" || a.Group == "" {
			t.Errorf("data class %s: label or group missing", a.Class)
		}
	}
	if cat.Updated.Year == 0 {
		t.Error("catalog has no updated day")
	}
}
