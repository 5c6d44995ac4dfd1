package store_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"exposurecheck/data"
	"exposurecheck/store"
)

// copyData writes the embedded data files into a fresh folder.
func copyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(data.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy data: %v", err)
	}
	return dir
}

// noticesIfPresent is the notices folder, or "" when it is absent.
func noticesIfPresent() string {
	if _, err := os.Stat(noticesDir); err != nil {
		return ""
	}
	return noticesDir
}

// excerptsIfPresent is the excerpts folder, or "" when it (or the notices
// folder, which checking goes with) is absent.
func excerptsIfPresent() string {
	if _, err := os.Stat(excerptsDir); err != nil || noticesIfPresent() == "" {
		return ""
	}
	return excerptsDir
}

// lineOf is the 1-based line on which needle (which must occur exactly once) starts.
func lineOf(t *testing.T, text, needle string) int {
	t.Helper()
	if n := strings.Count(text, needle); n != 1 {
		t.Fatalf("%q occurs %d times in the edited file, want once", needle, n)
	}
	return 1 + strings.Count(text[:strings.Index(text, needle)], "\n")
}

func TestLoadCopyIsValid(t *testing.T) {
	dir := copyData(t)
	if _, err := store.Load(os.DirFS(dir), store.LoadOptions{Notices: noticesIfPresent(), Excerpts: excerptsIfPresent(), Name: "data/"}); err != nil {
		t.Fatalf("unedited copy: %v", err)
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name     string
		file     string // under incidents/
		old, new string // old must occur exactly once in the file
		mark     string // the text whose line the problem must name; "" = new
		msg      string // substring of the problem's message
		notices  bool   // needs the notices folder
	}{
		{
			name: "unknown data class",
			file: "colorme-2018.yaml",
			old:  "    exposed: [card_number]\n    certainty: leaked\n",
			new:  "    exposed: [card_numbr]\n    certainty: leaked\n",
			mark: "[card_numbr]",
			msg:  `unknown data class "card_numbr"`,
		},
		{
			name: "unknown data class, second in a list",
			file: "dlmarket-2018.yaml",
			old:  "    exposed: [email, name, account_id]\n",
			new:  "    exposed: [email, nickname, account_id]\n",
			msg:  `unknown data class "nickname"`,
		},
		{
			name: "window through before from",
			file: "colorme-2018.yaml",
			old:  `      from: "2017-03-16"`,
			new:  `      from: "2018-03-16"`,
			msg:  "window ends",
		},
		{
			name:    "quote not found in the notice",
			file:    "dlmarket-2018.yaml",
			old:     `    quote: "③決済が成立し、流出の可能性があると判断されたクレジットカード番号(以下、「対象カード番号」といいます)の最大件数 7,741件"`,
			new:     `    quote: "③決済が成立し、流出の可能性があると判断されたクレジットカード番号(以下、「対象カード番号」といいます)の最大件数 7,742件"`,
			msg:     "quote not found in notice dlmarket-2018.txt",
			notices: true,
		},
		{
			name: "missing quote",
			file: "can-makeshop-2016.yaml",
			old:  `      quote: "(2)2014年9月24日までに店舗に登録されていた会員様情報"`,
			new:  `      quote: ""`,
			msg:  "quote: missing",
		},
		{
			name: "contact without audience",
			file: "dlmarket-2018.yaml",
			old:  "    audience: [dlmarket.card, dlmarket.member]\n",
			new:  "    audience: []\n",
			msg:  "audience (service.activity or press): missing",
		},
		{
			name: "duplicate population id across two files",
			file: "dlmarket-2018.yaml",
			old:  "  - id: dlmarket-member\n",
			new:  "  - id: owner-card\n",
			mark: "owner-card",
			msg:  `duplicate population id "owner-card" (also in data/incidents/colorme-2018.yaml)`,
		},
		{
			name: "service without any population",
			file: "stylestore-cocomo-2016.yaml",
			old:  "\npopulations:\n",
			new: "\n  - id: stylestore-outlet\n    name: STYLE STORE OUTLET\n    activities:\n" +
				"      - id: card\n        label: カードを使った\n        question: いつですか？\npopulations:\n",
			mark: "- id: stylestore-outlet",
			msg:  `service "stylestore-outlet" has no population`,
		},
		{
			name: "population naming an activity that is not defined",
			file: "colorme-2018.yaml",
			old:  "    activities: [owner, owner-card]\n    label: ショップオーナーの登録情報",
			new:  "    activities: [owner, seller]\n    label: ショップオーナーの登録情報",
			mark: "[owner, seller]",
			msg:  `activity "seller" is not defined for service "colorme"`,
		},
		{
			name: "a date that does not exist",
			file: "colorme-2018.yaml",
			old:  `  day: "2018-01-26"`,
			new:  `  day: "2018-02-30"`,
			msg:  `bad date "2018-02-30"`,
		},
		{
			name: "a window date that does not exist",
			file: "geo-eshop-2011.yaml",
			old:  "      from: \"2005-12-10\"\n      through: \"2011-03-31\"\n      quote: \"対象期間…2005年12月10日〜2011年3月31日\"\n    exposed: [address",
			new:  "      from: \"2005-12-10\"\n      through: \"2011-02-31\"\n      quote: \"対象期間…2005年12月10日〜2011年3月31日\"\n    exposed: [address",
			mark: `through: "2011-02-31"`,
			msg:  `bad date "2011-02-31"`,
		},
		{
			name: "a desk closing at a time that does not exist",
			file: "colorme-2018.yaml",
			old:  "      open: \"09:00\"\n      close: \"21:00\"\n",
			new:  "      open: \"09:00\"\n      close: \"24:30\"\n",
			mark: "close: \"24:30\"",
			msg:  `bad time of day "24:30"`,
		},
		{
			name: "a desk opening at 25:00",
			file: "colorme-2018.yaml",
			old:  "      open: \"09:00\"\n      close: \"21:00\"\n",
			new:  "      open: \"25:00\"\n      close: \"21:00\"\n",
			mark: "open: \"25:00\"",
			msg:  `bad time of day "25:00"`,
		},
		{
			name: "unknown key",
			file: "geo-eshop-2011.yaml",
			old:  "    max_count: 1007052\n",
			new:  "    max_count: 1007052\n    colour: red\n",
			mark: "colour: red",
			msg:  "colour",
		},
		{
			name: "a window date that does not exist, inside a minute anchor",
			file: "dlmarket-2018.yaml",
			old:  `      through: "2018-11-12T21:50"`,
			new:  `      through: "2018-11-12T21:60"`,
			msg:  `bad date "2018-11-12T21:60"`,
		},
		{
			name: "a window date that does not exist, window of one key",
			file: "can-makeshop-2016.yaml",
			old:  "      through: \"2014-09-24\"\n      quote: \"(1)2014年9月24日までに「CANMakeShop」をご利用されていた店舗様のうち1店舗様の情報\"\n",
			new:  "      through: \"2014-09-32\"\n",
			msg:  `bad date "2014-09-32"`,
		},
		{
			name: "a window date that does not exist, plain window",
			file: "colorme-2018.yaml",
			old:  "      from: \"2017-03-16\"\n      through: \"2018-01-07\"\n",
			new:  "      from: \"2017-03-16\"\n      through: \"2018-01-32\"\n",
			mark: "through: \"2018-01-32\"",
			msg:  `bad date "2018-01-32"`,
		},
		{
			name: "YAML syntax error: mapping value in a plain scalar",
			file: "colorme-2018.yaml",
			old:  "title: 「カラーミーショップ」における情報流出\n",
			new:  "title: 「カラーミーショップ」: における情報流出\n",
			msg:  "mapping value is not allowed",
		},
		{
			name: "YAML syntax error: tab indentation",
			file: "stylestore-cocomo-2016.yaml",
			old:  "    count: 38313\n    count_kind: max\n",
			new:  "    count: 38313\n\tcount_kind: max\n",
			mark: "\tcount_kind",
			msg:  "",
		},
	}
	tests = append(tests, []struct {
		name     string
		file     string
		old, new string
		mark     string
		msg      string
		notices  bool
	}{
		{
			name: "a missing field is named, at its parent",
			file: "colorme-2018.yaml",
			old:  "        label: カラーミーショップの利用料金をクレジットカードで支払った\n",
			new:  "",
			mark: "- id: owner-card\n        kind: moment",
			msg:  "label: missing",
		},
		{
			name: "an activity without a kind",
			file: "dlmarket-2018.yaml",
			old:  "      - id: member\n        kind: tenure\n",
			new:  "      - id: member\n",
			mark: "- id: member",
			msg:  "kind (moment: did it at an instant; tenure: held it over a period): missing",
		},
		{
			name: "an unknown activity kind",
			file: "dlmarket-2018.yaml",
			old:  "        kind: tenure\n",
			new:  "        kind: forever\n",
			msg:  `unknown activity kind "forever"`,
		},
		{
			name:    "a quote that differs says where",
			file:    "dlmarket-2018.yaml",
			old:     `    quote: "③決済が成立し、流出の可能性があると判断されたクレジットカード番号(以下、「対象カード番号」といいます)の最大件数 7,741件"`,
			new:     `    quote: "③決済が成立し、流出の可能性があると判断されたクレジットカード番号(以下、「対象カード番号」といいます)の最大件数 7,714件"`,
			msg:     "then the quote has 「14件」 where the notice has 「41件",
			notices: true,
		},
		{
			name:    "a quote may differ in width and line breaks",
			file:    "dlmarket-2018.yaml",
			old:     `    quote: "③決済が成立し、流出の可能性があると判断されたクレジットカード番号(以下、「対象カード番号」といいます)の最大件数 7,741件"`,
			new:     "    quote: \"③決済が成立し、流出の可能性があると判断された\n      クレジットカード番号（以下、「対象カード番号」といいます）の最大件数　７,７４１件\"\n    certainty_note: x",
			mark:    "certainty_note: x",
			msg:     "certainty_note", // the only problem: the unknown key added to prove the file was read
			notices: true,
		},
		{
			name: "only_some needs its criteria",
			file: "colorme-2018.yaml",
			old:  "      criteria: 一部のネットショップで購入した人だけが対象です。\n",
			new:  "",
			mark: "only_some:\n      who: 対象となったネットショップ",
			msg:  "only_some.criteria: missing",
		},
		{
			name: "within names a population of the incident",
			file: "dlmarket-2018.yaml",
			old:  "    label: 決済が成立せず「偽の決済フォーム」だけに入力されたクレジットカード\n",
			new:  "    label: 決済が成立せず「偽の決済フォーム」だけに入力されたクレジットカード\n    within: owner-card\n",
			mark: "within: owner-card",
			msg:  `within names "owner-card", which is not another population of this incident`,
		},
		{
			name: "disclosed_to goes with disclosed_to_party",
			file: "dlmarket-2018.yaml",
			old:  "    exposed: [email, name, account_id]\n    certainty: possibly_leaked\n",
			new:  "    exposed: [email, name, account_id]\n    certainty: disclosed_to_party\n",
			mark: "certainty: disclosed_to_party",
			msg:  "disclosed_to says whom the data reached",
		},
		{
			name: "a TODO left by the draft tool: its comment, not the placeholder, is reported",
			file: "stylestore-cocomo-2016.yaml",
			old:  "    label: STYLE STOREとCOCOMOを合わせた件数\n",
			new:  "    label: \"TODO\"  # TODO: which populations share it?\n",
			mark: "# TODO: which populations",
			msg:  "TODO which populations share it?",
		},
		{
			name:    "a URL must be printed in the notice",
			file:    "colorme-2018.yaml",
			old:     "    url: null\n    date: \"2018-01-26\"\n",
			new:     "    url: \"https://shop-pro.jp/news/\"\n    date: \"2018-01-26\"\n",
			mark:    "url: \"https://shop-pro.jp/news/\"",
			msg:     `URL "https://shop-pro.jp/news/" is not printed in notice colorme-2018.txt`,
			notices: true,
		},
		{
			name:    "a full notice is not an excerpt",
			file:    "colorme-2018.yaml",
			old:     "  excerpt: false\n",
			new:     "  excerpt: true\n  retrieved_from: \"https://example.org/\"\n",
			mark:    "excerpt: true",
			msg:     "is a full notice",
			notices: true,
		},
		{
			name: "an approximate edge the window does not have",
			file: "dlmarket-2018.yaml",
			old:  "      through: \"2018-11-12T21:50\"\n",
			new:  "      through: \"2018-11-12T21:50\"\n      approx: [start]\n",
			mark: "approx: [start]",
			msg:  `approx lists window edges: from or to, not "start"`,
		},
	}...)
	notices := noticesIfPresent()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.notices && notices == "" {
				t.Skip("needs the notices folder")
			}
			dir := copyData(t)
			p := filepath.Join(dir, "incidents", tt.file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if n := strings.Count(text, tt.old); n != 1 {
				t.Fatalf("%q occurs %d times in %s, want once", tt.old, n, tt.file)
			}
			text = strings.Replace(text, tt.old, tt.new, 1)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			mark := tt.mark
			if mark == "" {
				mark = strings.TrimSpace(tt.new)
			}
			want := store.Problem{File: "data/incidents/" + tt.file, Line: lineOf(t, text, mark), Message: tt.msg}

			cat, err := store.Load(os.DirFS(dir), store.LoadOptions{Notices: notices, Excerpts: excerptsIfPresent(), Name: "data/"})
			if err == nil {
				t.Fatalf("Load of the broken copy succeeded (%d incidents), want %s", len(cat.Incidents), want)
			}
			var ps store.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load error %T %v, want store.Problems", err, err)
			}
			found := false
			for _, got := range ps {
				if got.File == want.File && got.Line == want.Line && strings.Contains(got.Message, want.Message) {
					found = true
				}
				if got.File != want.File {
					t.Errorf("problem in a file that was not edited: %s", got)
				}
			}
			if !found {
				t.Errorf("no problem %s:%d containing %q; got:\n%s", want.File, want.Line, want.Message, ps.Error())
			}
			if !strings.Contains(ps.Error(), want.File+":") {
				t.Errorf("Error() %q does not name FILE:LINE", ps.Error())
			}
		})
	}
}

// TestLoadReportsEveryProblem: two broken files give problems in both, sorted by
// file then line.
func TestLoadReportsEveryProblem(t *testing.T) {
	dir := copyData(t)
	edit := func(file, old, new string) {
		p := filepath.Join(dir, "incidents", file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(b), old) != 1 {
			t.Fatalf("%q not once in %s", old, file)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("dlmarket-2018.yaml", "    audience: [dlmarket.card, dlmarket.member]\n", "    audience: []\n")
	edit("colorme-2018.yaml", `  day: "2018-01-26"`, `  day: "2018-02-30"`)
	edit("colorme-2018.yaml", "    exposed: [card_number]\n    certainty: leaked\n", "    exposed: [card_numbr]\n    certainty: leaked\n")
	_, err := store.Load(os.DirFS(dir), store.LoadOptions{Name: "data/"})
	var ps store.Problems
	if !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("Load: %v, want 3 problems", err)
	}
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if a.File > b.File || a.File == b.File && a.Line > b.Line {
			t.Errorf("problems not sorted: %s before %s", a, b)
		}
	}
}

// TestLoadReportsAnAnchorOnce: a bad value under a YAML anchor is checked at
// every alias, but the curator reads it once.
func TestLoadReportsAnAnchorOnce(t *testing.T) {
	dir := copyData(t)
	p := filepath.Join(dir, "incidents", "dlmarket-2018.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), `      through: "2018-11-12T21:50"`, `      through: "2018-11-12T21:60"`, 1)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = store.Load(os.DirFS(dir), store.LoadOptions{Name: "data/"})
	var ps store.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load: %v, want problems", err)
	}
	n := 0
	for _, pr := range ps {
		if strings.Contains(pr.Message, "2018-11-12T21:60") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the anchored bad date is reported %d times, want once:\n%s", n, ps.Error())
	}
}

func TestLoadNoIncidents(t *testing.T) {
	dir := t.TempDir()
	_, err := store.Load(os.DirFS(dir), store.LoadOptions{Name: "data/"})
	var ps store.Problems
	if !errors.As(err, &ps) || len(ps) == 0 || !strings.HasPrefix(ps[0].File, "data/incidents") {
		t.Fatalf("Load of an empty folder: %v, want a problem naming data/incidents", err)
	}
}

func TestLoadMissingNoticesFolder(t *testing.T) {
	_, err := store.Load(data.FS, store.LoadOptions{Notices: filepath.Join(t.TempDir(), "absent")})
	if err == nil {
		t.Fatal("Load with a notices folder that does not exist succeeded")
	}
}
