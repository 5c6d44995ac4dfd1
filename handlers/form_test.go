package handlers

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"exposurecheck/data"
	"exposurecheck/store"
)

// formNow is the fixed clock of the form tests: 2026-11-21T12:00+09:00.
var formNow = time.Date(2026, time.November, 21, 12, 0, 0, 0, store.Tokyo)

var (
	formDBOnce sync.Once
	formDBVal  *store.DB
	formDBErr  error
)

// formDB is the real bundled data in an in-memory SQLite database, shared by
// the form tests (it is read-only).
func formDB(t testing.TB) *store.DB {
	t.Helper()
	formDBOnce.Do(func() {
		cat, err := store.Load(data.FS, store.LoadOptions{})
		if err != nil {
			formDBErr = err
			return
		}
		formDBVal, formDBErr = store.OpenMemory(context.Background(), cat)
	})
	if formDBErr != nil {
		t.Fatalf("open bundled data: %v", formDBErr)
	}
	return formDBVal
}

func formServices(t testing.TB, ids ...string) []store.Service {
	t.Helper()
	db := formDB(t)
	if len(ids) == 0 {
		return db.Services()
	}
	var out []store.Service
	for _, id := range ids {
		s, err := db.Service(id)
		if err != nil {
			t.Fatalf("service %s: %v", id, err)
		}
		out = append(out, s)
	}
	return out
}

func useStrings(uses []store.Use) []string {
	out := []string{}
	for _, u := range uses {
		out = append(out, u.String())
	}
	return out
}

func TestNormaliseDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"　", ""}, // ideographic space
		{"2018-10-20", "2018-10-20"},
		{"２０１８/1/5", "2018-01-05"},
		{"２０１８－１０－２０", "2018-10-20"},
		{"2018/10/20", "2018-10-20"},
		{"2018.1.5", "2018-01-05"},
		{"2018年10月", "2018-10"},
		{"2018年10月20日", "2018-10-20"},
		{"2018年1月5日", "2018-01-05"},
		{"2018-1", "2018-01"},
		{" 2018-10-20 ", "2018-10-20"},
		{"2018", "2018"},
	}
	for _, tc := range cases {
		if got := normaliseDate(tc.in); got != tc.want {
			t.Errorf("normaliseDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDecodeWhenForm(t *testing.T) {
	db := formDB(t)
	type want struct {
		Uses          []string
		FieldErrors   map[string]string
		ServiceErrors map[string]string
	}
	cases := []struct {
		name     string
		services []string
		form     url.Values
		want     want
	}{
		{
			name:     "day",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2018-10-20"}},
			want:     want{Uses: []string{"dlmarket.card@2018-10-20"}},
		},
		{
			name:     "day typed as people type it",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"２０１８年１０月２０日"}},
			want:     want{Uses: []string{"dlmarket.card@2018-10-20"}},
		},
		{
			name:     "month",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"month"}, "month.dlmarket.card": {"2018-10"}},
			want:     want{Uses: []string{"dlmarket.card@2018-10"}},
		},
		{
			name:     "range",
			services: []string{"colorme"},
			form: url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"range"},
				"from.colorme.owner": {"2017-01-01"}, "to.colorme.owner": {"2018-03-31"}},
			want: want{Uses: []string{"colorme.owner@2017-01-01..2018-03-31"}},
		},
		{
			name:     "range open end",
			services: []string{"colorme"},
			form:     url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"range"}, "from.colorme.owner": {"2018-01-01"}},
			want:     want{Uses: []string{"colorme.owner@2018-01-01.."}},
		},
		{
			name:     "range open start",
			services: []string{"colorme"},
			form:     url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"range"}, "to.colorme.owner": {"2018-01-01"}},
			want:     want{Uses: []string{"colorme.owner@..2018-01-01"}},
		},
		{
			name:     "range from equals to is one day",
			services: []string{"colorme"},
			form: url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"range"},
				"from.colorme.owner": {"2018-01-05"}, "to.colorme.owner": {"2018/1/5"}},
			want: want{Uses: []string{"colorme.owner@2018-01-05"}},
		},
		{
			name:     "unknown",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}, "day.dlmarket.card": {"2018-10-20"}},
			want:     want{Uses: []string{"dlmarket.card"}},
		},
		{
			name:     "no mode is unknown",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}},
			want:     want{Uses: []string{"dlmarket.card"}},
		},
		{
			name:     "order follows the services, then their activities",
			services: []string{"dlmarket", "colorme"},
			form: url.Values{"act": {"colorme.buyer", "dlmarket.member", "colorme.owner-card", "dlmarket.card"},
				"mode.colorme.owner-card": {"day"}, "day.colorme.owner-card": {"2017-03-15"}},
			want: want{Uses: []string{"dlmarket.card", "dlmarket.member", "colorme.owner-card@2017-03-15", "colorme.buyer"}},
		},
		{
			name:     "activities of services not chosen are ignored",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card", "colorme.owner", "nope.card", "dlmarket.nope"}},
			want:     want{Uses: []string{"dlmarket.card"}},
		},
		{
			name:     "missing day",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {" "}},
			want: want{FieldErrors: map[string]string{
				"dlmarket.card": "日付を入力してください。覚えていない場合は「覚えていない」を選んでください。"}},
		},
		{
			name:     "missing month",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"month"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "年月を入力してください（例: 2018-10）。"}},
		},
		{
			name:     "missing range",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"range"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "期間の始まりか終わりの少なくとも一方を入力してください。"}},
		},
		{
			name:     "a month in the day field",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2018-10"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "日付は 2018-10-20 の形で入力してください。"}},
		},
		{
			name:     "a day in the month field",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"month"}, "month.dlmarket.card": {"2018-10-20"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "年月は 2018-10 の形で入力してください。"}},
		},
		{
			name:     "a day that does not exist",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2018-02-30"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "2018年2月30日という日はありません"}},
		},
		{
			name:     "future",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"day"}, "day.dlmarket.card": {"2026-11-22"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "未来の日付は指定できません"}},
		},
		{
			name:     "reversed range",
			services: []string{"colorme"},
			form: url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"range"},
				"from.colorme.owner": {"2018-05-01"}, "to.colorme.owner": {"2018-01-01"}},
			want: want{FieldErrors: map[string]string{"colorme.owner": "期間の終わりが始まりより前になっています"}},
		},
		{
			name:     "unknown mode",
			services: []string{"dlmarket"},
			form:     url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"week"}},
			want:     want{FieldErrors: map[string]string{"dlmarket.card": "答え方を選んでください。"}},
		},
		{
			name:     "no activity for a service",
			services: []string{"dlmarket", "colorme"},
			form:     url.Values{"act": {"dlmarket.card"}},
			want: want{Uses: []string{"dlmarket.card"},
				ServiceErrors: map[string]string{"colorme": "「カラーミーショップ」で当てはまるものを1つ以上選んでください。"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := decodeWhenForm(tc.form, formServices(t, tc.services...), db, formNow)
			got := want{Uses: useStrings(f.Uses), FieldErrors: f.FieldErrors, ServiceErrors: f.ServiceErrors}
			w := tc.want
			if w.Uses == nil {
				w.Uses = []string{}
			}
			if w.FieldErrors == nil {
				w.FieldErrors = map[string]string{}
			}
			if w.ServiceErrors == nil {
				w.ServiceErrors = map[string]string{}
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("decodeWhenForm (-want +got):\n%s", diff)
			}
			if f.ok() != (len(w.FieldErrors) == 0 && len(w.ServiceErrors) == 0) {
				t.Errorf("ok() = %v", f.ok())
			}
		})
	}
}

func TestPermalink(t *testing.T) {
	db := formDB(t)
	parse := func(raw ...string) []store.Use {
		uses, err := store.ParseUses(raw, db, formNow)
		if err != nil {
			t.Fatalf("ParseUses(%q): %v", raw, err)
		}
		return uses
	}
	cases := []struct {
		uses []string
		want string
	}{
		{[]string{"dlmarket.card@2018-10-20"}, "/result?use=dlmarket.card@2018-10-20"},
		{[]string{"dlmarket.card@2018-10-20", "colorme.owner-card@2017-03-15"},
			"/result?use=dlmarket.card@2018-10-20&use=colorme.owner-card@2017-03-15"},
		{[]string{"dlmarket.card@2018-10-17T22:10"}, "/result?use=dlmarket.card@2018-10-17T22:10"},
		{[]string{"colorme.owner-card@2017-03..2017-06,2018-01"}, "/result?use=colorme.owner-card@2017-03..2017-06,2018-01"},
		{[]string{"colorme.owner@2018-01-01..", "colorme.buyer@..2017"}, "/result?use=colorme.owner@2018-01-01..&use=colorme.buyer@..2017"},
		{[]string{"dlmarket.member", "geo-online.use"}, "/result?use=dlmarket.member&use=geo-online.use"},
		{[]string{"dlmarket.card@unknown"}, "/result?use=dlmarket.card"},
		{nil, "/result"},
	}
	for _, tc := range cases {
		var uses []store.Use
		if tc.uses != nil {
			uses = parse(tc.uses...)
		}
		got := permalink(uses)
		if got != tc.want {
			t.Errorf("permalink(%q) = %q, want %q", tc.uses, got, tc.want)
		}
		// The link reads back as the same uses.
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("permalink %q does not parse: %v", got, err)
			continue
		}
		if diff := cmp.Diff(useStrings(uses), append([]string{}, u.Query()["use"]...)); diff != "" {
			t.Errorf("permalink %q reads back differently (-want +got):\n%s", got, diff)
		}
	}
}

func TestAnswersFromUsesRoundTrip(t *testing.T) {
	db := formDB(t)
	cases := []struct {
		use  string
		want string // after a trip through the form; "" means unchanged
		// wider: the form cannot hold the precision, so the answer may only widen
		wider bool
	}{
		{use: "dlmarket.card@2018-10-20"},
		{use: "dlmarket.card@2018-10"},
		{use: "dlmarket.card"},
		{use: "colorme.owner@2017-01-01..2018-03-31"},
		{use: "colorme.owner@2018-01-01.."},
		{use: "colorme.owner@..2018-01-01"},
		{use: "colorme.owner@2017-03..2017-06", want: "colorme.owner@2017-03-01..2017-06-30"},
		{use: "colorme.owner@2017", want: "colorme.owner@2017-01-01..2017-12-31"},
		{use: "colorme.owner@..2017", want: "colorme.owner@..2017-12-31"},
		{use: "dlmarket.card@2018-10-17T22:10", want: "dlmarket.card@2018-10-17", wider: true},
		{use: "dlmarket.card@2018-10-17T22:05..2018-10-18T01:00", want: "dlmarket.card@2018-10-17..2018-10-18", wider: true},
		{use: "colorme.buyer@2017-05,2017-09", want: "colorme.buyer@2017-05", wider: true},
	}
	for _, tc := range cases {
		t.Run(tc.use, func(t *testing.T) {
			orig, err := store.ParseUse(tc.use, db, formNow)
			if err != nil {
				t.Fatalf("ParseUse(%q): %v", tc.use, err)
			}
			answers := answersFromUses([]store.Use{orig})
			f := decodeWhenForm(url.Values(answers), formServices(t, orig.Service), db, formNow)
			if !f.ok() {
				t.Fatalf("answers %v do not decode: fields %v services %v", answers, f.FieldErrors, f.ServiceErrors)
			}
			var back []store.Use
			for _, u := range f.Uses {
				if u.Key() == orig.Key() {
					back = append(back, u)
				}
			}
			if len(back) != 1 {
				t.Fatalf("answers %v decode to %q", answers, useStrings(f.Uses))
			}
			want := tc.want
			if want == "" {
				want = tc.use
			}
			if got := back[0].String(); got != want {
				t.Errorf("round trip of %q via %v = %q, want %q", tc.use, answers, got, want)
			}
			// The answer never narrows: the first when's span is covered.
			if len(orig.Whens) > 0 {
				a, _ := orig.Whens[0].Span(formNow)
				b, _ := back[0].Whens[0].Span(formNow)
				if b.From.After(a.From) || b.To.Before(a.To) {
					t.Errorf("round trip of %q narrowed the answer: %v → %v", tc.use, a, b)
				}
				if !tc.wider && (!a.From.Equal(b.From) || !a.To.Equal(b.To)) {
					t.Errorf("round trip of %q changed the span: %v → %v", tc.use, a, b)
				}
			}
		})
	}

	// Several uses keep their order and every activity stays ticked.
	uses, err := store.ParseUses([]string{"dlmarket.card@2018-10-20", "colorme.owner-card@2017-03-15", "colorme.buyer"}, db, formNow)
	if err != nil {
		t.Fatal(err)
	}
	answers := answersFromUses(uses)
	if diff := cmp.Diff([]string{"dlmarket.card", "colorme.owner-card", "colorme.buyer"}, answers["act"]); diff != "" {
		t.Errorf("act (-want +got):\n%s", diff)
	}
	f := decodeWhenForm(url.Values(answers), formServices(t, "dlmarket", "colorme"), db, formNow)
	if diff := cmp.Diff(useStrings(uses), useStrings(f.Uses)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// FuzzDecodeWhenForm feeds arbitrary answers to step 2: it must never panic,
// and every use it returns must be one the grammar accepts as is.
func FuzzDecodeWhenForm(f *testing.F) {
	seeds := [][6]string{
		{"dlmarket.card", "day", "2018-10-20", "", "", ""},
		{"dlmarket.card", "day", "２０１８年１０月２０日", "", "", ""},
		{"dlmarket.card", "day", "2018-02-30", "", "", ""},
		{"colorme.owner", "month", "", "2018-10", "", ""},
		{"colorme.owner", "month", "", "2018,2018-10", "", ""},
		{"colorme.owner", "range", "", "", "2018-01-01", ""},
		{"colorme.owner", "range", "", "", "", "2018-01-01"},
		{"colorme.owner", "range", "", "", "2018-01-05", "2018/1/5"},
		{"colorme.owner", "range", "", "", "2018-05-01", "2018-01-01"},
		{"colorme.owner", "range", "", "", "2018..1..1", "..2018-1-1"},
		{"colorme.owner", "unknown", "", "", "", ""},
		{"geo-online.use", "day", "2018-10-20T10:00", "", "", ""},
		{"dlmarket.card", "month", "", "unknown-1", "", ""},
		{"dlmarket.card", "day", "1989-12-31", "", "", ""},
		{"dlmarket.card", "day", "2018-10-20@x", "", "", ""},
		{"x", "", "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5])
	}
	db := formDB(f)
	all := formServices(f)
	f.Fuzz(func(t *testing.T, act, mode, day, month, from, to string) {
		form := url.Values{
			"act":          {act, "dlmarket.card"},
			"mode." + act:  {mode},
			"day." + act:   {day},
			"month." + act: {month},
			"from." + act:  {from},
			"to." + act:    {to},
		}
		out := decodeWhenForm(settleWhenForm(form, all), all, db, formNow) // as the handler does
		for _, u := range out.Uses {
			s := u.String()
			again, err := store.ParseUse(s, db, formNow)
			if err != nil {
				t.Fatalf("decodeWhenForm(%v) gave %q, which does not parse: %v", form, s, err)
			}
			if again.String() != s {
				t.Fatalf("decodeWhenForm(%v) gave %q, which is not canonical (re-parses as %q)", form, s, again.String())
			}
			if strings.ContainsAny(s, " \t\n") {
				t.Fatalf("use %q contains white space", s)
			}
		}
		for key, msg := range out.FieldErrors {
			if msg == "" {
				t.Fatalf("empty error message for %s", key)
			}
		}
		_ = permalink(out.Uses)
	})
}

// Finding #9.8: without JavaScript every date field is shown and the radio
// stays on 「覚えていない」 unless touched: a typed date counts, or the person
// is told; it is never dropped.
func TestTypedDateWithoutScript(t *testing.T) {
	db := formDB(t)
	cases := []struct {
		name     string
		services []string
		form     url.Values
		uses     []string
		errors   map[string]string
	}{
		{
			name: "day typed, radio left on unknown", services: []string{"dlmarket"},
			form: url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}, "day.dlmarket.card": {"2018-10-20"}},
			uses: []string{"dlmarket.card@2018-10-20"},
		},
		{
			name: "month typed, no radio", services: []string{"dlmarket"},
			form: url.Values{"act": {"dlmarket.card"}, "month.dlmarket.card": {"2018-10"}},
			uses: []string{"dlmarket.card@2018-10"},
		},
		{
			name: "range typed, radio on unknown", services: []string{"colorme"},
			form: url.Values{"act": {"colorme.owner"}, "mode.colorme.owner": {"unknown"}, "from.colorme.owner": {"2015-04-01"}},
			uses: []string{"colorme.owner@2015-04-01.."},
		},
		{
			name: "a date typed ticks its activity", services: []string{"dlmarket"},
			form: url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.member": {"unknown"}, "day.dlmarket.member": {"2018-01-05"}},
			uses: []string{"dlmarket.card", "dlmarket.member@2018-01-05"},
		},
		{
			name: "the chosen way wins over the others", services: []string{"dlmarket"},
			form: url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"month"}, "month.dlmarket.card": {"2018-10"}, "day.dlmarket.card": {"2018-10-20"}},
			uses: []string{"dlmarket.card@2018-10"},
		},
		{
			name: "dates under two ways: asked which", services: []string{"dlmarket"},
			form:   url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}, "month.dlmarket.card": {"2018-10"}, "day.dlmarket.card": {"2018-10-20"}},
			errors: map[string]string{"dlmarket.card": "「覚えていない」のまま、日付・年月・期間の複数に入力があります。使う答え方（「日付で答える」など）を選んでください。"},
		},
		{
			name: "nothing typed stays unknown", services: []string{"dlmarket"},
			form: url.Values{"act": {"dlmarket.card"}, "mode.dlmarket.card": {"unknown"}, "day.dlmarket.card": {""}},
			uses: []string{"dlmarket.card"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svcs := formServices(t, tc.services...)
			f := decodeWhenForm(settleWhenForm(tc.form, svcs), svcs, db, formNow)
			if got := useStrings(f.Uses); tc.errors == nil && !slices.Equal(got, tc.uses) {
				t.Errorf("uses = %v, want %v (errors %v)", got, tc.uses, f.FieldErrors)
			}
			want := tc.errors
			if want == nil {
				want = map[string]string{}
			}
			if diff := cmp.Diff(want, f.FieldErrors); diff != "" {
				t.Errorf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

// writeUse must escape as url.QueryEscape does, except for @ , : which a
// query may hold as they are.
func TestWriteUseEscapesAsQueryEscape(t *testing.T) {
	readable := strings.NewReplacer("%40", "@", "%2C", ",", "%3A", ":")
	for _, s := range []string{"", "dlmarket.card@2018-10-17T22:10", "a.b@2017-03..2017-06,2018", "x y+z", "%40 100%", "あ&b=c#d/e?f", "~_-.!*'()", "\x00\xff"} {
		var b strings.Builder
		writeUse(&b, []byte(s))
		if want := readable.Replace(url.QueryEscape(s)); b.String() != want {
			t.Errorf("writeUse(%q) = %q, want %q", s, b.String(), want)
		}
	}
}
