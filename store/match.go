package store

import (
	"slices"
	"time"
)

// Verdict is what the check says about a person's dates and an incident.
type Verdict string

const (
	Match      Verdict = "match"      // the answer lies in the affected window
	Partial    Verdict = "partial"    // some of it does, or the date does not decide
	Unknown    Verdict = "unknown"    // no date given; compare with the windows shown
	Outside    Verdict = "outside"    // outside this incident's window
	Unaffected Verdict = "unaffected" // the service was not affected by any incident we hold
)

// rank orders verdicts for "the best wins": a higher rank is more serious.
func (v Verdict) rank() int {
	switch v {
	case Match:
		return 5
	case Partial:
		return 4
	case Unknown:
		return 3
	case Outside:
		return 2
	case Unaffected:
		return 1
	}
	return 0
}

// Serious reports whether v is more serious than o.
func (v Verdict) Serious(o Verdict) bool { return v.rank() > o.rank() }

// Worst returns the most serious of the verdicts, or Unaffected for none.
func Worst(vs ...Verdict) Verdict {
	best := Unaffected
	for _, v := range vs {
		if v.Serious(best) {
			best = v
		}
	}
	return best
}

// Why says what keeps a verdict at partial, so the page can name it.
type Why string

const (
	// Straddles: the answer crosses a window edge; which side decides.
	Straddles Why = "straddles"
	// NoPeriod: the notice states no period, so no date decides.
	NoPeriod Why = "no_period"
	// OnlySomeInside: inside the window, but the notice says only some there
	// were affected (population.only_some names who decides).
	OnlySomeInside Why = "only_some"
	// NearApprox: the answer falls on the unit of an edge the notice gives as
	// approximate (16時頃), so neither side can be promised.
	NearApprox Why = "approx"
)

// MatchSpan compares one span of a moment activity (the person did it some
// time in the span) with a window.
func MatchSpan(w *Window, s Span) Verdict { return matchSpan(w, s, Moment) }

func matchSpan(w *Window, s Span, kind ActivityKind) Verdict {
	if w == nil {
		return Partial
	}
	if !s.To.After(s.From) {
		return Outside
	}
	overlaps := (w.To == nil || s.From.Before(*w.To)) && (w.From == nil || s.To.After(*w.From))
	if !overlaps {
		return Outside
	}
	if kind == Tenure {
		// Their data existed through the whole span: any overlap means it was
		// held while the window was open.
		return Match
	}
	startsIn := w.From == nil || !s.From.Before(*w.From)
	endsIn := w.To == nil || !s.To.After(*w.To)
	if startsIn && endsIn {
		return Match
	}
	return Partial
}

// approxZones are the stretches around approximate edges where no answer can
// be promised either way: the edge's own unit on each side of it (a minute
// edge counts as its hour, since 「16時頃」 is written to the hour).
func approxZones(w *Window) []Span {
	if w == nil {
		return nil
	}
	var out []Span
	zone := func(t time.Time, u Unit) Span {
		switch u {
		case Year:
			return Span{t.AddDate(-1, 0, 0), t.AddDate(1, 0, 0)}
		case Month:
			return Span{t.AddDate(0, -1, 0), t.AddDate(0, 1, 0)}
		case DayUnit:
			return Span{t.AddDate(0, 0, -1), t.AddDate(0, 0, 1)}
		default:
			return Span{t.Add(-time.Hour), t.Add(time.Hour)}
		}
	}
	if w.FromApprox && w.From != nil {
		out = append(out, zone(*w.From, w.FromUnit))
	}
	if w.ToApprox && w.To != nil {
		out = append(out, zone(*w.To, w.ToUnit))
	}
	return out
}

func (s Span) overlaps(o Span) bool { return s.From.Before(o.To) && o.From.Before(s.To) }

// ClipSpan limits a span to a service's lifetime: nobody paid at a shop
// after it closed. ok is false when nothing of the span is left.
func ClipSpan(s Span, life *Window) (Span, bool) {
	if life == nil {
		return s, s.To.After(s.From)
	}
	if life.From != nil && s.From.Before(*life.From) {
		s.From = *life.From
	}
	if life.To != nil && s.To.After(*life.To) {
		s.To = *life.To
	}
	return s, s.To.After(s.From)
}

// SpanVerdict is one answered span against one population: clipped to the
// service's lifetime, matched by the activity's kind, kept at partial near an
// approximate edge and capped at partial where only some were affected.
func SpanVerdict(p Population, kind ActivityKind, life *Window, s Span) (Verdict, Why) {
	if p.Window == nil {
		return Partial, NoPeriod
	}
	s, ok := ClipSpan(s, life)
	if !ok {
		return Outside, ""
	}
	v := matchSpan(p.Window, s, kind)
	why := Why("")
	if v == Partial {
		why = Straddles
	}
	zones := approxZones(p.Window)
	if len(zones) > 0 {
		near := slices.ContainsFunc(zones, s.overlaps)
		if kind == Tenure && v == Match && near {
			// A holder is a match only if the span reaches the window beyond
			// the uncertain stretches.
			if !reachesBeyond(*p.Window, s, zones) {
				v, why = Partial, NearApprox
			}
		} else if near && v != Partial {
			v, why = Partial, NearApprox
		} else if near {
			why = NearApprox
		}
	}
	if v == Match && p.OnlySome != nil {
		v, why = Partial, OnlySomeInside
	}
	return v, why
}

// reachesBeyond reports whether s overlaps the window somewhere outside the
// approximate zones.
func reachesBeyond(w Window, s Span, zones []Span) bool {
	from, to := s.From, s.To
	if w.From != nil && from.Before(*w.From) {
		from = *w.From
	}
	if w.To != nil && to.After(*w.To) {
		to = *w.To
	}
	// Walk the overlap and cut out every zone; anything left is certain.
	parts := []Span{{from, to}}
	for _, z := range zones {
		var next []Span
		for _, p := range parts {
			if !p.overlaps(z) {
				next = append(next, p)
				continue
			}
			if p.From.Before(z.From) {
				next = append(next, Span{p.From, z.From})
			}
			if z.To.Before(p.To) {
				next = append(next, Span{z.To, p.To})
			}
		}
		parts = next
	}
	return len(parts) > 0
}

// MatchWhens compares a moment activity's answers with a window (see
// PopulationVerdict for the full rules).
func MatchWhens(w *Window, whens []When, now time.Time) Verdict {
	v, _ := populationVerdict(Population{Window: w}, Moment, nil, whens, now)
	return v
}

// PopulationVerdict compares all of a person's answers for one activity with
// a population. The most serious verdict wins; an unknown answer can only
// raise an "outside" to "unknown", since that date might be anywhere.
func PopulationVerdict(p Population, act Activity, life *Window, whens []When, now time.Time) (Verdict, Why) {
	return populationVerdict(p, act.Kind, life, whens, now)
}

func populationVerdict(p Population, kind ActivityKind, life *Window, whens []When, now time.Time) (Verdict, Why) {
	if p.Window == nil {
		return Partial, NoPeriod
	}
	if len(whens) == 0 {
		return Unknown, ""
	}
	verdict, why := Verdict(""), Why("")
	for _, when := range whens {
		s, ok := when.Span(now)
		v, w := Unknown, Why("")
		if ok {
			v, w = SpanVerdict(p, kind, life, s)
		}
		if verdict == "" || v.Serious(verdict) {
			verdict, why = v, w
		}
	}
	return verdict, why
}

// Boundary is a window edge inside a person's answer: which side of it they
// were on decides.
type Boundary struct {
	At time.Time
	// InsideAfter: the edge is the window's start, so on or after it is
	// inside; otherwise it is the end, and before it is inside.
	InsideAfter bool
	Approx      bool
	Unit        Unit
}

// Boundaries lists the window edges that fall strictly inside a span: the
// instants that decide a partial answer (the hour on 2018-10-17 for DLmarket).
func Boundaries(w *Window, s Span) []Boundary {
	if w == nil {
		return nil
	}
	var out []Boundary
	if w.From != nil && w.From.After(s.From) && w.From.Before(s.To) {
		out = append(out, Boundary{At: *w.From, InsideAfter: true, Approx: w.FromApprox, Unit: w.FromUnit})
	}
	if w.To != nil && w.To.After(s.From) && w.To.Before(s.To) {
		out = append(out, Boundary{At: *w.To, Approx: w.ToApprox, Unit: w.ToUnit})
	}
	return out
}

// PopulationResult is one population's verdict for a use.
type PopulationResult struct {
	Population *Population // in the data's read-only index
	Verdict    Verdict
	// Why says what keeps a partial verdict from being a match.
	Why Why
	// Deciding are the window edges inside the person's dates: the answer
	// depends on which side of them the person was. Only for moments: a
	// holder's span that crosses an edge is already a match.
	Deciding []Boundary
}

// OnlySome reports whether the dates are inside the window but the notice says
// only some people there were affected.
func (r PopulationResult) OnlySome() bool { return r.Why == OnlySomeInside }

// UseResult is the verdict for one service and activity.
type UseResult struct {
	Use         Use
	Service     Service
	Activity    Activity
	Verdict     Verdict
	Populations []PopulationResult
	Contacts    []Contact
}

// Check matches one use against the populations that cover its service and
// activity. A service stated as not affected, or with no population for the
// activity, is unaffected.
func Check(u Use, svc Service, act Activity, pops []Population, contacts []Contact, now time.Time) UseResult {
	r := UseResult{Use: u, Service: svc, Activity: act, Contacts: contacts, Verdict: Unaffected}
	if svc.Unaffected != nil {
		return r
	}
	verdicts := make([]Verdict, 0, len(pops))
	r.Populations = make([]PopulationResult, 0, len(pops))
	for i := range pops {
		p := &pops[i]
		if !p.Covers(u.Service, u.Activity) {
			continue
		}
		pr := PopulationResult{Population: p}
		pr.Verdict, pr.Why = PopulationVerdict(*p, act, svc.Lifetime, u.Whens, now)
		if pr.Verdict == Partial && (act.Kind != Tenure || pr.Why == NearApprox) {
			for _, when := range u.Whens {
				s, ok := when.Span(now)
				if !ok {
					continue
				}
				if s, ok = ClipSpan(s, svc.Lifetime); !ok {
					continue
				}
				for _, b := range Boundaries(p.Window, s) {
					if !slices.ContainsFunc(pr.Deciding, func(o Boundary) bool { return o.At.Equal(b.At) }) {
						pr.Deciding = append(pr.Deciding, b)
					}
				}
			}
		}
		verdicts = append(verdicts, pr.Verdict)
		r.Populations = append(r.Populations, pr)
	}
	if len(r.Populations) > 0 {
		r.Verdict = Worst(verdicts...)
	} else {
		r.Populations = nil // none cover it: as if never made
	}
	slices.SortStableFunc(r.Populations, func(a, b PopulationResult) int {
		return b.Verdict.rank() - a.Verdict.rank()
	})
	return r
}
