package store

import (
	"slices"
	"time"
)

// Verdict is what the check says about a person's dates and an incident.
type Verdict string

const (
	Match      Verdict = "match"      // every date given lies in the affected window
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

// MatchSpan compares one span of a person's time with a window.
// A nil window (the notice states no period) cannot be decided by dates.
func MatchSpan(w *Window, s Span) Verdict {
	if w == nil {
		return Partial
	}
	startsIn := w.From == nil || !s.From.Before(*w.From)
	endsIn := w.To == nil || !s.To.After(*w.To)
	if startsIn && endsIn {
		return Match
	}
	overlaps := (w.To == nil || s.From.Before(*w.To)) && (w.From == nil || s.To.After(*w.From))
	if overlaps && s.To.After(s.From) {
		return Partial
	}
	return Outside
}

// MatchWhens compares all of a person's answers for one activity with a
// population's window. The most serious verdict wins; an unknown answer can
// only raise an "outside" to "unknown", since that date might be anywhere.
func MatchWhens(w *Window, whens []When, now time.Time) Verdict {
	if w == nil {
		return Partial
	}
	if len(whens) == 0 {
		return Unknown
	}
	verdict := Verdict("")
	for _, when := range whens {
		s, ok := when.Span(now)
		v := Unknown
		if ok {
			v = MatchSpan(w, s)
		}
		if verdict == "" || v.Serious(verdict) {
			verdict = v
		}
	}
	return verdict
}

// PopulationVerdict is MatchWhens for one population, never stronger than
// the notice: where only some people inside the window were affected (the
// population names a decider, e.g. only owners who typed a card number into
// a free-text field), being inside the window is a partial answer.
func PopulationVerdict(p Population, whens []When, now time.Time) Verdict {
	v := MatchWhens(p.Window, whens, now)
	if v == Match && p.Decider != "" {
		return Partial
	}
	return v
}

// Boundaries lists the window edges that fall strictly inside a span: the
// instants that decide a partial answer (the hour on 2018-10-17 for DLmarket).
func Boundaries(w *Window, s Span) []time.Time {
	if w == nil {
		return nil
	}
	var out []time.Time
	for _, edge := range []*time.Time{w.From, w.To} {
		if edge != nil && edge.After(s.From) && edge.Before(s.To) {
			out = append(out, *edge)
		}
	}
	return out
}

// PopulationResult is one population's verdict for a use.
type PopulationResult struct {
	Population Population
	Verdict    Verdict
	// Deciding are the window edges inside the person's dates: the answer
	// depends on which side of them the person was.
	Deciding []time.Time
	// OnlySome is set when the dates are inside the window but the notice
	// says only some people there were affected (see PopulationVerdict).
	OnlySome bool
}

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
	for _, p := range pops {
		if !p.Covers(u.Service, u.Activity) {
			continue
		}
		pr := PopulationResult{Population: p, Verdict: PopulationVerdict(p, u.Whens, now)}
		pr.OnlySome = pr.Verdict == Partial && p.Window != nil && MatchWhens(p.Window, u.Whens, now) == Match
		for _, when := range u.Whens {
			if s, ok := when.Span(now); ok {
				for _, b := range Boundaries(p.Window, s) {
					if !slices.ContainsFunc(pr.Deciding, b.Equal) {
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
	}
	slices.SortStableFunc(r.Populations, func(a, b PopulationResult) int {
		return b.Verdict.rank() - a.Verdict.rank()
	})
	return r
}
