package store

import (
	"io/fs"
	"reflect"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"exposurecheck/data"
)

// plainCases are the plain shapes the data is written in, and some near
// them: fastDecode must either decode them as goccy does or leave them to it.
var plainCases = []string{
	"id: a\ntitle: b\n",
	"id: a\n",                                           // a one-key mapping is a MappingValueNode
	"id: 'a'\ntitle: \"b\\u00e9\"\n",                    // quoted and escaped
	"title:\nupdates: []\ntimeline:\n",                  // null and empty
	"published: null\ndiscovered: ~\n",                  // null pointers
	"published:\n  day: \"2019\"\n  quote: q\n",         // pointer to a struct
	"notice: {file: a.txt, excerpt: true}\n",            // flow mapping
	"notice:\n  retrieved_from: null\n",                 // null *string
	"notice:\n  retrieved_from: \"\"\n",                 // empty *string
	"counts:\n  - count: 12\n    populations: [a, b]\n", // int and flow sequence
	"counts:\n  - count: 99999999999999999999\n",        // overflow: goccy's error
	"counts:\n  - count: \"12\"\n",                      // a string for an int: goccy converts it
	"counts:\n  - count: 1.5\n",                         // a float for an int
	"counts:\n  - count: 0x1f\n",                        // hex
	"title: 2019\n",                                     // an int for a string: goccy converts it
	"title: true\n",                                     // a bool for a string
	"notice:\n  excerpt: yes\n",                         // YAML 1.1 bool
	"notice:\n  excerpt: \"true\"\n",                    // a string for a bool
	"id: a\nid: b\n",                                    // repeated key
	"id: a\nunknown: b\n",                               // unknown key
	"title: !!str 12\n",                                 // tag
	"title: |\n  line one\n  line two\n",                // block literal
	"title: >\n  folded\n  text\n",                      // folded literal
	"populations:\n  - window: &w\n      from: \"2019-01-01\"\n      quote: q\n  - window: *w\n",
	"populations:\n  - exposed: &e [name, email]\n  - exposed: *e\n",
	"populations:\n  - window: *w\n  - window: &w\n      from: \"2019\"\n", // alias before anchor
	"populations:\n  - window: &w\n      from: \"2019\"\n  - window: &w\n      from: \"2020\"\n  - window: *w\n",
	"populations:\n  - window: &w null\n  - window: *w\n",
	"populations:\n  - window:\n      <<: {from: \"2019\"}\n", // merge key
	"services:\n  - activities:\n      - id: a\n        kind: moment\n",
	"services:\n  - null\n  -\n",
	"sources:\n  - url: null\n    date: \"2019-01-01\"\n",
	"organisations: a\n", // a string for a sequence
	"summary: [a]\n",     // a sequence for a mapping
	"summary: a\n",       // a string for a mapping
	"1: a\n",             // an int key
	"- a\n- b\n",         // a sequence for a mapping
	"id: a\n---\nid: b\n",
	"title: # comment\n  x\n",
	"populations:\n  - max_count: null\n  - max_count: 5\n",
}

func bundledFiles(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	names, _ := fs.Glob(data.FS, "incidents/*.yaml")
	for _, n := range append(names, "advice.yaml") {
		b, err := fs.ReadFile(data.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = b
	}
	return files
}

// fastCases add what yaml.v3 and goccy might read differently.
var fastCases = []string{
	"title: yes\n", "title: No\n", "title: ~\n", "title: .inf\n", "title: 1_000\n", "title: 0o17\n",
	"title: 2019-01-01\n", "title: '2019'\n", "title: 'it''s'\n", "title: \"a\\tb\"\n",
	"title: \"a\n  b\"\n", "title: a\n  b\n", "title: a #comment\n", "title: a#b\n",
	"title: \"\"\n", "title: ''\n", "title:\n", "title: null\n", "title: Null\n",
	"counts:\n  - count: 012\n", "counts:\n  - count: +12\n", "counts:\n  - count: -12\n", "counts:\n  - count: 1e3\n",
	"notice:\n  excerpt: True\n", "notice:\n  excerpt: on\n",
	"---\nid: a\n", "id: a\n...\n", "%YAML 1.2\n---\nid: a\n",
	"id: a\n---\nid: [\n",
	"title: &t x\nsummary:\n  text: *t\n",
	"id: \"\t\"\n", "id:\ta\n", "\tid: a\n",
	"sources:\n- title: a\n  url: https://example.com/a?b=c#d\n",
	"organisations: [{name: a, kind: company}, {name: null, kind: unnamed}]\n",
	"title: 「えがお0」への不正アクセス\nsummary: {text: 全角（0）, quote: \"２０１９年\"}\n",
	"title: a: b\n", "title: - a\n", "title: [a\n", "title: {a\n",
	"? id\n: a\n",
}

// compareFast decodes b with fastDecode and with goccy and fails when
// fastDecode accepts what goccy decodes otherwise or rejects.
func compareFast(t *testing.T, b []byte, into any) (fast bool) {
	t.Helper()
	typ := reflect.TypeOf(into).Elem()
	got := reflect.New(typ)
	if !fastDecode(b, got.Interface()) {
		return false
	}
	want := reflect.New(typ)
	af, err := parser.ParseBytes(b, 0)
	if err == nil && (len(af.Docs) == 0 || af.Docs[0].Body == nil) {
		t.Errorf("fastDecode accepts what goccy finds empty:\n%s", b)
		return true
	}
	if err == nil {
		err = yaml.NodeToValue(af.Docs[0].Body, want.Interface(), yaml.DisallowUnknownField(), yaml.Strict())
	}
	if err != nil {
		t.Errorf("fastDecode accepts what goccy rejects (%v):\n%s", err, b)
		return true
	}
	if !reflect.DeepEqual(got.Interface(), want.Interface()) {
		t.Errorf("fastDecode and goccy differ on\n%s\nfast:  %+v\ngoccy: %+v", b, got.Elem().Interface(), want.Elem().Interface())
	}
	return true
}

// TestFastDecodeAsGoccy: on the bundled files fastDecode decodes what goccy
// decodes (and takes most of them); on the other shapes it agrees with
// goccy or steps aside.
func TestFastDecodeAsGoccy(t *testing.T) {
	files := bundledFiles(t)
	var fast int
	for name, b := range files {
		var into any = &fileIncident{}
		if name == "advice.yaml" {
			into = &[]fileAdvice{}
		}
		if compareFast(t, b, into) {
			fast++
		}
	}
	if fast < len(files)*3/4 {
		t.Errorf("fastDecode took %d of %d bundled files: the data has outgrown it", fast, len(files))
	}
	fast = 0
	cases := append(slices.Clone(plainCases), fastCases...)
	for _, c := range cases {
		if compareFast(t, []byte(c), &fileIncident{}) {
			fast++
		}
	}
	if fast == 0 || fast == len(cases) {
		t.Errorf("fastDecode took %d of %d cases: the cases no longer test both paths", fast, len(cases))
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, b := range bundledFiles(f) {
		f.Add(b)
	}
	for _, c := range append(slices.Clone(plainCases), fastCases...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		compareFast(t, b, &fileIncident{})
	})
}
