package store_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"exposurecheck/store"
)

// japanese matches text written in Japanese (kana or kanji).
var japanese = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)

func TestParseUseCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"minute", "dlmarket.card@2018-10-17T22:10", "dlmarket.card@2018-10-17T22:10"},
		{"month range", "colorme.owner-card@2017-03..2017-06", "colorme.owner-card@2017-03..2017-06"},
		{"open end", "dlmarket.card@2017..", "dlmarket.card@2017.."},
		{"open start", "dlmarket.card@..2018-01-07", "dlmarket.card@..2018-01-07"},
		{"two whens", "dlmarket.card@2018-10-17,2018-10-20", "dlmarket.card@2018-10-17,2018-10-20"},
		{"order kept", "dlmarket.card@2018-10-20,2018-10-17", "dlmarket.card@2018-10-20,2018-10-17"},
		{"duplicate whens dropped", "dlmarket.card@2018-10-17,2018-10-17", "dlmarket.card@2018-10-17"},
		{"duplicate after others dropped", "dlmarket.card@2018-10-17,2018-10-20,2018-10-17", "dlmarket.card@2018-10-17,2018-10-20"},
		{"one-point range is the point", "dlmarket.card@2018-10-17..2018-10-17", "dlmarket.card@2018-10-17"},
		{"one-point range duplicates the point", "dlmarket.card@2018,2018..2018", "dlmarket.card@2018"},
		{"unknown prints bare", "dlmarket.card@unknown", "dlmarket.card"},
		{"no @", "dlmarket.card", "dlmarket.card"},
		{"year", "geo-eshop.order@2008", "geo-eshop.order@2008"},
		{"mixed precision range", "stylestore.card@2013..2016-07-27T23:59", "stylestore.card@2013..2016-07-27T23:59"},
		{"leap day", "stylestore.card@2016-02-29", "stylestore.card@2016-02-29"},
		{"earliest year", "dlmarket.card@1990", "dlmarket.card@1990"},
		{"now itself", "dlmarket.card@2026-11-21T12:00", "dlmarket.card@2026-11-21T12:00"},
		{"this month", "dlmarket.card@2026-11", "dlmarket.card@2026-11"},
		{"this year", "dlmarket.card@2026", "dlmarket.card@2026"},
		{"midnight", "dlmarket.card@2018-10-17T00:00", "dlmarket.card@2018-10-17T00:00"},
		{"last minute of a day", "dlmarket.card@2018-10-17T23:59", "dlmarket.card@2018-10-17T23:59"},
		{"ten whens", "dlmarket.card@2011,2012,2013,2014,2015,2016,2017,2018,2019,2020",
			"dlmarket.card@2011,2012,2013,2014,2015,2016,2017,2018,2019,2020"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := store.ParseUse(tt.in, known(t), now)
			if err != nil {
				t.Fatalf("ParseUse(%q): %v", tt.in, err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("ParseUse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
			again, err := store.ParseUse(u.String(), known(t), now)
			if err != nil {
				t.Fatalf("canonical %q does not parse: %v", u.String(), err)
			}
			if again.String() != u.String() {
				t.Errorf("canonical %q re-parses to %q", u.String(), again.String())
			}
		})
	}
}

// TestParseUseMeaning checks what the parsed whens cover, in Asia/Tokyo.
func TestParseUseMeaning(t *testing.T) {
	type span struct{ From, To string } // RFC 3339; From "" = since ever
	tests := []struct {
		in      string
		service string
		act     string
		want    []span
	}{
		{"dlmarket.card@2018-10-17T22:10", "dlmarket", "card", []span{{"2018-10-17T22:10:00+09:00", "2018-10-17T22:11:00+09:00"}}},
		{"colorme.owner-card@2017-03..2017-06", "colorme", "owner-card", []span{{"2017-03-01T00:00:00+09:00", "2017-07-01T00:00:00+09:00"}}},
		{"dlmarket.card@2017..", "dlmarket", "card", []span{{"2017-01-01T00:00:00+09:00", "2026-11-21T12:00:00+09:00"}}},
		{"dlmarket.card@..2018-01-07", "dlmarket", "card", []span{{"", "2018-01-08T00:00:00+09:00"}}},
		{"dlmarket.card@2018-12", "dlmarket", "card", []span{{"2018-12-01T00:00:00+09:00", "2019-01-01T00:00:00+09:00"}}},
		{"dlmarket.card@2018-10-17,2018-10-20", "dlmarket", "card", []span{
			{"2018-10-17T00:00:00+09:00", "2018-10-18T00:00:00+09:00"},
			{"2018-10-20T00:00:00+09:00", "2018-10-21T00:00:00+09:00"},
		}},
		{"stylestore.card@2016-02-29", "stylestore", "card", []span{{"2016-02-29T00:00:00+09:00", "2016-03-01T00:00:00+09:00"}}},
		{"dlmarket.card@unknown", "dlmarket", "card", nil},
		{"dlmarket.card", "dlmarket", "card", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u := parseUse(t, tt.in)
			if u.Service != tt.service || u.Activity != tt.act || u.Key() != tt.service+"."+tt.act {
				t.Errorf("service %q activity %q key %q, want %s.%s", u.Service, u.Activity, u.Key(), tt.service, tt.act)
			}
			var got []span
			for _, w := range u.Whens {
				s, ok := w.Span(now)
				if !ok {
					t.Fatalf("when %v has no span", w)
				}
				var from string
				if !s.From.IsZero() {
					from = s.From.Format(time.RFC3339)
				}
				got = append(got, span{from, s.To.Format(time.RFC3339)})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("spans (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseUseErrors(t *testing.T) {
	const anyPart = "\x00any" // the offending text is empty; only check that it fails
	elevenWhens := "2010,2011,2012,2013,2014,2015,2016,2017,2018,2019,2020"
	tests := []struct {
		name     string
		in       string
		wantPart string
		wantMsg  string // a substring the Japanese message must contain; "" = any
	}{
		{"day that does not exist", "dlmarket.card@2018-02-30", "2018-02-30", "30日"},
		{"29 February of a common year", "dlmarket.card@2018-02-29", "2018-02-29", "29日"},
		{"31 April", "dlmarket.card@2018-04-31", "2018-04-31", "31日"},
		{"day zero", "dlmarket.card@2018-04-00", "2018-04-00", ""},
		{"month 13", "dlmarket.card@2018-13", "2018-13", "13月"},
		{"month zero", "dlmarket.card@2018-00", "2018-00", ""},
		{"unpadded month and day", "dlmarket.card@2018-1-5", "2018-1-5", ""},
		{"two-digit year", "dlmarket.card@18", "18", ""},
		{"slashes", "dlmarket.card@2018/10/17", "2018/10/17", ""},
		{"hour 24", "dlmarket.card@2018-10-17T24:00", "2018-10-17T24:00", "24時"},
		{"hour 25", "dlmarket.card@2018-10-17T25:00", "2018-10-17T25:00", "25時"},
		{"minute 60", "dlmarket.card@2018-10-17T22:60", "2018-10-17T22:60", "60分"},
		{"seconds", "dlmarket.card@2018-10-17T22:05:00", "2018-10-17T22:05:00", ""},
		{"clock without colon", "dlmarket.card@2018-10-17T2205", "2018-10-17T2205", ""},
		{"clock on a month", "dlmarket.card@2018-10T22:05", "2018-10T22:05", ""},
		{"empty clock", "dlmarket.card@2018-10-17T", "2018-10-17T", ""},
		{"reversed range", "dlmarket.card@2018-05..2018-01", "2018-05..2018-01", ""},
		{"reversed days", "dlmarket.card@2018-10-20..2018-10-17", "2018-10-20..2018-10-17", ""},
		{"reversed minutes", "dlmarket.card@2018-10-17T22:05..2018-10-17T22:04", "2018-10-17T22:05..2018-10-17T22:04", ""},
		{"bad date at the end of a range", "dlmarket.card@2018-01..2018-02-30", "2018-02-30", ""},
		{"bad date at the start of a range", "dlmarket.card@2018-02-30..2018-03", "2018-02-30", ""},
		{"year before 1990", "dlmarket.card@1989", "1989", "1990"},
		{"last day before 1990", "dlmarket.card@1989-12-31", "1989-12-31", "1990"},
		{"open start before 1990", "dlmarket.card@..1989", "1989", "1990"},
		{"future year", "dlmarket.card@2027", "2027", "未来"},
		{"future day", "dlmarket.card@2026-11-22", "2026-11-22", "未来"},
		{"a minute in the future", "dlmarket.card@2026-11-21T12:01", "2026-11-21T12:01", "未来"},
		{"future end of a range", "dlmarket.card@2018..2027", "2027", "未来"},
		{"future open start", "dlmarket.card@2027..", "2027", "未来"},
		{"unknown service", "nosuch.card@2018", "nosuch", ""},
		{"unknown service, no when", "nosuch.card", "nosuch", ""},
		{"unknown activity", "dlmarket.seller@2018", "seller", ""},
		{"activity of another service", "dlmarket.owner", "owner", ""},
		{"missing activity", "dlmarket", "dlmarket", ""},
		{"empty activity", "dlmarket.", "dlmarket.", ""},
		{"missing service", ".card", ".card", ""},
		{"missing activity, with a when", "dlmarket@2018", "dlmarket", ""},
		{"empty use", "", "", ""},
		{"empty @", "dlmarket.card@", "dlmarket.card@", "@"},
		{"more than 10 whens", "dlmarket.card@" + elevenWhens, elevenWhens, "10"},
		{"more than 10 whens, with duplicates", "dlmarket.card@2018,2018,2018,2018,2018,2018,2018,2018,2018,2018,2018",
			"2018,2018,2018,2018,2018,2018,2018,2018,2018,2018,2018", "10"},
		{"dots alone", "dlmarket.card@..", "..", ""},
		{"three dots", "dlmarket.card@2018...2019", ".2019", ""},
		{"unknown with a date", "dlmarket.card@2018,unknown", "unknown", "unknown"},
		{"UNKNOWN is not unknown", "dlmarket.card@UNKNOWN", "UNKNOWN", ""},
		{"empty when after a comma", "dlmarket.card@2018,", anyPart, ""},
		{"space", "dlmarket.card@2018 ", "2018 ", ""},
		{"second @", "dlmarket.card@2018@2019", "2018@2019", ""},
		{"too long", "dlmarket.card@" + strings.Repeat("2018,", 100), anyPart, "400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := store.ParseUse(tt.in, known(t), now)
			if err == nil {
				t.Fatalf("ParseUse(%q) = %q, want an error", tt.in, u)
			}
			if tt.wantPart != anyPart && err.Part != tt.wantPart {
				t.Errorf("ParseUse(%q) part %q, want %q (message %q)", tt.in, err.Part, tt.wantPart, err.Message)
			}
			if !japanese.MatchString(err.Message) {
				t.Errorf("ParseUse(%q) message %q is not Japanese", tt.in, err.Message)
			}
			if !strings.Contains(err.Message, tt.wantMsg) {
				t.Errorf("ParseUse(%q) message %q does not mention %q", tt.in, err.Message, tt.wantMsg)
			}
			if n := utf8.RuneCountInString(err.Part); n > 61 {
				t.Errorf("part is %d characters long; it is shown to people and should be clipped", n)
			}
			if !strings.Contains(err.Error(), err.Part) || !strings.Contains(err.Error(), err.Message) {
				t.Errorf("Error() %q does not name the part %q and the message", err.Error(), err.Part)
			}
		})
	}
}

// TestParseUseRangeFinerEnd: a range whose end is written more precisely than its
// start is still a forward range (design §5: "A..B covers from the start of A to
// the end of B"). 2018..2018-05 is January to May 2018, not reversed.
func TestParseUseRangeFinerEnd(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
	}{
		{"dlmarket.card@2018..2018-05", "2018-01-01T00:00:00+09:00", "2018-06-01T00:00:00+09:00"},
		{"dlmarket.card@2018-10..2018-10-17", "2018-10-01T00:00:00+09:00", "2018-10-18T00:00:00+09:00"},
		{"dlmarket.card@2018-10-17..2018-10-17T22:04", "2018-10-17T00:00:00+09:00", "2018-10-17T22:05:00+09:00"},
		{"dlmarket.card@2018-10..2018-10-01", "2018-10-01T00:00:00+09:00", "2018-10-02T00:00:00+09:00"},
		// The other way round has always worked.
		{"dlmarket.card@2018-05-10..2018-05", "2018-05-10T00:00:00+09:00", "2018-06-01T00:00:00+09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := store.ParseUse(tt.in, known(t), now)
			if err != nil {
				t.Fatalf("ParseUse(%q): %v (want a valid forward range)", tt.in, err)
			}
			s, _ := u.Whens[0].Span(now)
			if got := [2]string{s.From.Format(time.RFC3339), s.To.Format(time.RFC3339)}; got != [2]string{tt.from, tt.to} {
				t.Errorf("span %v, want [%s, %s)", got, tt.from, tt.to)
			}
		})
	}
}

func TestParseUses(t *testing.T) {
	var all []string
	for _, s := range bundled(t).Services {
		for _, a := range s.Activities {
			all = append(all, s.ID+"."+a.ID)
		}
	}
	t.Run("every service and activity, 20 at a time", func(t *testing.T) {
		var got []string
		for i := 0; i < len(all); i += 20 {
			batch := all[i:min(i+20, len(all))]
			uses, err := store.ParseUses(batch, known(t), now)
			if err != nil {
				t.Fatalf("ParseUses(%v): %v", batch, err)
			}
			for _, u := range uses {
				got = append(got, u.String())
			}
		}
		if diff := cmp.Diff(all, got); diff != "" {
			t.Errorf("uses (-want +got):\n%s", diff)
		}
	})
	t.Run("twenty uses are allowed", func(t *testing.T) {
		// Only 19 service.activity pairs exist, so the 20th repeats one: the limit
		// passes and the duplicate is what fails, at index 19.
		raw := make([]string, store.MaxUses)
		for i := range raw {
			raw[i] = all[i%len(all)]
		}
		_, err := store.ParseUses(raw, known(t), now)
		var ue *store.UseError
		if len(all) >= store.MaxUses {
			if err != nil {
				t.Fatalf("ParseUses of %d uses: %v", store.MaxUses, err)
			}
			return
		}
		if !errors.As(err, &ue) || ue.Index != len(all) {
			t.Fatalf("ParseUses of %d uses: %v, want a duplicate at index %d", store.MaxUses, err, len(all))
		}
	})

	tests := []struct {
		name      string
		raw       []string
		wantIndex int
		wantPart  string
		wantMsg   string
	}{
		{"zero uses", []string{}, -1, "", ""},
		{"nil uses", nil, -1, "", ""},
		{"21 uses", func() []string {
			raw := make([]string, 21)
			for i := range raw {
				raw[i] = fmt.Sprintf("dlmarket.card@%d", 2000+i)
			}
			return raw
		}(), -1, "", "20"},
		{"21 bad uses: the count is checked first", func() []string {
			raw := make([]string, 21)
			for i := range raw {
				raw[i] = "nosuch.thing"
			}
			return raw
		}(), -1, "", "20"},
		{"duplicate use", []string{"dlmarket.card@2018", "colorme.owner", "dlmarket.card@2019"}, 2, "dlmarket.card", ""},
		{"duplicate: unknown and no @ are the same", []string{"dlmarket.card", "dlmarket.card@unknown"}, 1, "dlmarket.card", ""},
		{"bad second use", []string{"dlmarket.card@2018", "colorme.owner@2018-02-30"}, 1, "2018-02-30", ""},
		{"bad first use", []string{"nosuch.card", "colorme.owner"}, 0, "nosuch", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uses, err := store.ParseUses(tt.raw, known(t), now)
			if err == nil {
				t.Fatalf("ParseUses(%q) = %v, want an error", tt.raw, uses)
			}
			var ue *store.UseError
			if !errors.As(err, &ue) {
				t.Fatalf("ParseUses(%q) error %T %v, want *store.UseError", tt.raw, err, err)
			}
			if ue.Index != tt.wantIndex || ue.Part != tt.wantPart {
				t.Errorf("ParseUses(%q) index %d part %q, want index %d part %q", tt.raw, ue.Index, ue.Part, tt.wantIndex, tt.wantPart)
			}
			if !japanese.MatchString(ue.Message) || !strings.Contains(ue.Message, tt.wantMsg) {
				t.Errorf("ParseUses(%q) message %q, want Japanese mentioning %q", tt.raw, ue.Message, tt.wantMsg)
			}
			if tt.wantIndex >= 0 && !strings.Contains(ue.Error(), fmt.Sprintf("%d件目", tt.wantIndex+1)) {
				t.Errorf("Error() %q does not say which use (%d件目)", ue.Error(), tt.wantIndex+1)
			}
			if tt.wantIndex < 0 && ue.Error() != ue.Message {
				t.Errorf("Error() %q, want the message alone for the list as a whole", ue.Error())
			}
		})
	}
}

func FuzzParseUse(f *testing.F) {
	for _, s := range []string{
		"dlmarket.card@2018-10-17T22:10",
		"colorme.owner-card@2017-03..2017-06",
		"dlmarket.card@2017..",
		"dlmarket.card@..2018-01-07",
		"dlmarket.card@2018-10-17,2018-10-20",
		"dlmarket.card@2018-10-17,2018-10-17",
		"dlmarket.card@2018,2018..2018",
		"dlmarket.card@unknown",
		"dlmarket.card",
		"stylestore.card@2016-02-29",
		"geo-online.use@2010",
		"dlmarket.card@2018-02-30",
		"dlmarket.card@2018-05..2018-01",
		"dlmarket.card@2018..2018-05",
		"dlmarket.card@..",
		"dlmarket.card@",
		"dlmarket.card@2018,unknown",
		"dlmarket.card@2026-11-21T12:00..",
		"dlmarket.card@1990..2026",
		"nosuch.card",
		"",
		"@",
		".",
		"日本.カード@２０１８",
	} {
		f.Add(s)
	}
	k := knownCatalog{bundled(f).Services}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := store.ParseUse(s, k, now)
		if err != nil {
			if err.Message == "" {
				t.Errorf("ParseUse(%q): error without a message", s)
			}
			if n := utf8.RuneCountInString(err.Part); n > 61 {
				t.Errorf("ParseUse(%q): part of %d characters", s, n)
			}
			return
		}
		canon := u.String()
		again, err := store.ParseUse(canon, k, now)
		if err != nil {
			t.Fatalf("ParseUse(%q) = %q, which does not parse: %v", s, canon, err)
		}
		if again.String() != canon {
			t.Fatalf("ParseUse(%q) = %q, which re-parses to %q", s, canon, again.String())
		}
		if len(u.Whens) > store.MaxWhens {
			t.Errorf("ParseUse(%q): %d whens", s, len(u.Whens))
		}
		for _, w := range u.Whens {
			if w.Unknown {
				t.Errorf("ParseUse(%q): an unknown when is kept: %q", s, canon)
			}
			sp, ok := w.Span(now)
			if !ok || sp.To.After(now) && w.To == nil || (w.From != nil && sp.From.After(now)) {
				t.Errorf("ParseUse(%q): when %q has span %v", s, w, sp)
			}
			if w.From != nil && w.From.Start.Year() < store.EarliestYear {
				t.Errorf("ParseUse(%q): when %q before %d", s, w, store.EarliestYear)
			}
		}
	})
}
