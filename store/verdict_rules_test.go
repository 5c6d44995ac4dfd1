package store_test

import (
	"testing"
	"time"

	"exposurecheck/store"
)

// windowOf builds a window from written points: from inclusive at its unit's
// start, through inclusive at its unit's end ("" = open).
func windowOf(t *testing.T, from, through string) *store.Window {
	t.Helper()
	w := &store.Window{}
	if from != "" {
		p, err := store.ParsePoint(from)
		if err != nil {
			t.Fatal(err)
		}
		w.From, w.FromUnit = &p.Start, p.Unit
	}
	if through != "" {
		p, err := store.ParsePoint(through)
		if err != nil {
			t.Fatal(err)
		}
		end := p.End()
		w.To, w.ToUnit = &end, p.Unit
	}
	return w
}

func whensOf(t *testing.T, s string) []store.When {
	t.Helper()
	if s == "" {
		return nil
	}
	u := parseUse(t, "colorme.owner@"+s)
	return u.Whens
}

// TestVerdictRules covers design §6 rule by rule on made-up populations, so
// each rule is pinned apart from the bundled data.
func TestVerdictRules(t *testing.T) {
	type rule struct {
		name     string
		window   *store.Window
		onlySome bool
		kind     store.ActivityKind
		life     *store.Window
		when     string // "" = no date
		want     store.Verdict
		why      store.Why
	}
	upTo2018 := windowOf(t, "", "2018-01-07")
	card := windowOf(t, "2017-03-16", "2018-01-07")
	approxStart := windowOf(t, "2018-10-17T16:00", "2018-10-20")
	approxStart.FromApprox = true
	approxEnd := windowOf(t, "2018-10-01", "2018-10-17")
	approxEnd.ToApprox = true
	closed := windowOf(t, "", "2011-03-31")
	geo := windowOf(t, "2005-12-10", "2011-03-31")
	tests := []rule{
		// Tenure: an account held during the window was in the database.
		{"tenure 2015..2019 overlaps an open-start window: match", upTo2018, false, store.Tenure, nil, "2015..2019", store.Match, ""},
		{"tenure from 2016-04 until now: match", upTo2018, false, store.Tenure, nil, "2016-04..", store.Match, ""},
		{"tenure 2017-06: match", upTo2018, false, store.Tenure, nil, "2017-06", store.Match, ""},
		{"tenure that began the day after: outside", upTo2018, false, store.Tenure, nil, "2018-01-08..", store.Outside, ""},
		{"tenure that ended before the card window: outside", card, false, store.Tenure, nil, "2016..2017-03-15", store.Outside, ""},
		{"tenure through the card window's start: match", card, false, store.Tenure, nil, "2016..2017-03-16", store.Match, ""},
		// Moment: unchanged.
		{"moment 2015..2019 straddles: partial", upTo2018, false, store.Moment, nil, "2015..2019", store.Partial, store.Straddles},
		{"moment inside: match", card, false, store.Moment, nil, "2017-06", store.Match, ""},
		{"moment day before the start: outside", card, false, store.Moment, nil, "2017-03-15", store.Outside, ""},
		{"moment month across the start: partial", card, false, store.Moment, nil, "2017-03", store.Partial, store.Straddles},
		{"moment with no date: unknown", card, false, store.Moment, nil, "", store.Unknown, ""},
		// Only some: never more than partial, whatever the kind.
		{"only some, tenure inside: partial", upTo2018, true, store.Tenure, nil, "2014-06", store.Partial, store.OnlySomeInside},
		{"only some, moment inside: partial", card, true, store.Moment, nil, "2017-06", store.Partial, store.OnlySomeInside},
		{"only some, outside stays outside", card, true, store.Moment, nil, "2018-02", store.Outside, ""},
		{"only some, straddling stays a straddle", card, true, store.Moment, nil, "2018-01", store.Partial, store.Straddles},
		// No stated period: the date does not decide.
		{"no window: partial", nil, false, store.Moment, nil, "2017-06", store.Partial, store.NoPeriod},
		{"no window and no date: still partial", nil, false, store.Tenure, nil, "", store.Partial, store.NoPeriod},
		// Approximate edges (「16時頃」): the hour around them is not promised.
		{"approx start: a minute in that hour is partial", approxStart, false, store.Moment, nil, "2018-10-17T16:10", store.Partial, store.NearApprox},
		{"approx start: a minute before it, in the hour before, is partial", approxStart, false, store.Moment, nil, "2018-10-17T15:50", store.Partial, store.NearApprox},
		{"approx start: two hours later is a match", approxStart, false, store.Moment, nil, "2018-10-17T18:00", store.Match, ""},
		{"approx start: two hours before is outside", approxStart, false, store.Moment, nil, "2018-10-17T13:59", store.Outside, ""},
		{"approx start: the day itself straddles", approxStart, false, store.Moment, nil, "2018-10-17", store.Partial, store.NearApprox},
		{"approx start: a holder over the whole month is a match", approxStart, false, store.Tenure, nil, "2018-10", store.Match, ""},
		{"approx start: a holder only around the edge is partial", approxStart, false, store.Tenure, nil, "2018-10-17T15:30..2018-10-17T16:30", store.Partial, store.NearApprox},
		{"approx end (day): the last day is partial", approxEnd, false, store.Moment, nil, "2018-10-17", store.Partial, store.NearApprox},
		{"approx end (day): the day after is partial", approxEnd, false, store.Moment, nil, "2018-10-18", store.Partial, store.NearApprox},
		{"approx end (day): two days later is outside", approxEnd, false, store.Moment, nil, "2018-10-19", store.Outside, ""},
		{"approx end (day): ten days before is a match", approxEnd, false, store.Moment, nil, "2018-10-07", store.Match, ""},
		// Lifetime: a closed shop took no orders after it closed.
		{"lifetime clips a year answer to the shop's last months: match", geo, false, store.Moment, closed, "2011", store.Match, ""},
		{"without the lifetime the same year straddles", geo, false, store.Moment, nil, "2011", store.Partial, store.Straddles},
		{"lifetime: an answer wholly after the closing is outside", geo, false, store.Moment, closed, "2012", store.Outside, ""},
		{"lifetime: 2005..2011 still crosses the window's start", geo, false, store.Moment, closed, "2005..2011", store.Partial, store.Straddles},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := store.Population{ID: "p", Window: tt.window}
			if tt.onlySome {
				p.OnlySome = &store.OnlySome{Who: "who", Criteria: "criteria", Quote: "quote"}
			}
			got, why := store.PopulationVerdict(p, store.Activity{ID: "a", Kind: tt.kind}, tt.life, whensOf(t, tt.when), now)
			if got != tt.want || why != tt.why {
				t.Errorf("verdict %q (%q), want %q (%q)", got, why, tt.want, tt.why)
			}
		})
	}
}

// TestClipSpan: a span is cut to the lifetime, and nothing is left of a span
// wholly outside it.
func TestClipSpan(t *testing.T) {
	closed := windowOf(t, "2005-12-10", "2011-03-31")
	tests := []struct {
		name     string
		span     string
		from, to string // RFC 3339; "" when nothing is left
	}{
		{"year of closing", "2011", "2011-01-01T00:00:00+09:00", "2011-04-01T00:00:00+09:00"},
		{"year of opening", "2005", "2005-12-10T00:00:00+09:00", "2006-01-01T00:00:00+09:00"},
		{"inside", "2008-05", "2008-05-01T00:00:00+09:00", "2008-06-01T00:00:00+09:00"},
		{"after closing", "2011-04", "", ""},
		{"before opening", "2005-12-09", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := store.ClipSpan(spanOf(t, tt.span), closed)
			if tt.from == "" {
				if ok {
					t.Errorf("clip left %v, want nothing", s)
				}
				return
			}
			if !ok || !s.From.Equal(at(t, tt.from)) || !s.To.Equal(at(t, tt.to)) {
				t.Errorf("clip = %v..%v (%v), want %s..%s", s.From.Format(time.RFC3339), s.To.Format(time.RFC3339), ok, tt.from, tt.to)
			}
		})
	}
}

// TestIssue8Answers pins the three answers the verdicts issue names, on the
// bundled data, with expected values read from the notices.
func TestIssue8Answers(t *testing.T) {
	tests := []struct {
		name string
		use  string
		want map[string]store.Verdict
	}{
		// 「本サービスをご利用中・ご利用いただいたことのあるショップオーナー様」: an owner from
		// 2015 to 2019 held an account when the data was taken (2018年1月7日).
		{"colorme owner 2015-2019 is a match on the account data", "colorme.owner@2015..2019",
			map[string]store.Verdict{"owner-account": store.Match, "owner-card-in-fields": store.Partial}},
		{"colorme owner from April 2016", "colorme.owner@2016-04..",
			map[string]store.Verdict{"owner-account": store.Match, "owner-card-in-fields": store.Partial}},
		// 「本件の対象となる店舗様」 only: a member of some CAN MakeShop shop is at most partial.
		{"can-makeshop member in June 2014", "can-makeshop.member@2014-06",
			map[string]store.Verdict{"can-makeshop-member": store.Partial}},
		// No period, only those told by email (2018年10月22日〜).
		{"dlmarket member in 2018", "dlmarket.member@2018",
			map[string]store.Verdict{"dlmarket-member": store.Partial}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := parseUse(t, tt.use)
			svc := service(t, u.Service)
			act, _ := svc.Activity(u.Activity)
			r := store.Check(u, svc, act, allPopulations(bundled(t)), nil, now)
			got := map[string]store.Verdict{}
			for _, pr := range r.Populations {
				got[pr.Population.ID] = pr.Verdict
			}
			for id, v := range tt.want {
				if got[id] != v {
					t.Errorf("%s: %q, want %q (all: %v)", id, got[id], v, got)
				}
			}
		})
	}
}
