package handlers

import (
	"time"

	"exposurecheck/store"
	"exposurecheck/views"
)

// One-tap refinements: links to the same result with one answer made more
// precise, every other use left as it was.

// withWhens is the permalink of uses with use i's whens replaced.
func withWhens(uses []store.Use, i int, whens []store.When) string {
	out := make([]store.Use, len(uses))
	copy(out, uses)
	out[i].Whens = whens
	return permalink(out)
}

// stepBack is the start of the unit before t's.
func stepBack(t time.Time, u store.Unit) time.Time {
	switch u {
	case store.Year:
		return t.AddDate(-1, 0, 0)
	case store.Month:
		return t.AddDate(0, -1, 0)
	case store.DayUnit:
		return t.AddDate(0, 0, -1)
	}
	return t.Add(-time.Minute)
}

func unitOr(u store.Unit) store.Unit {
	if u == 0 {
		return store.Minute
	}
	return u
}

// valid reports whether a when prints as something the grammar accepts now
// (no year before 1990, nothing in the future, not reversed).
func valid(w store.When, now time.Time) bool {
	_, err := store.ParseWhen(w.String(), now)
	return err == nil
}

// refineFor splits the answer that holds a deciding edge at that edge:
// 「2018-10-17」 becomes 2018-10-17T22:05..2018-10-17 ("after") or
// 2018-10-17..2018-10-17T22:04 ("before").
func refineFor(uses []store.Use, i int, b store.Boundary, now time.Time) views.Refine {
	r := views.Refine{At: b.At, InsideAfter: b.InsideAfter, Approx: b.Approx}
	if b.Approx {
		return r
	}
	u := unitOr(b.Unit)
	var after, before []store.When
	ok := false
	for _, w := range uses[i].Whens {
		s, known := w.Span(now)
		if !known || !s.From.Before(b.At) || !b.At.Before(s.To) {
			after, before = append(after, w), append(before, w)
			continue
		}
		ok = true
		last0 := s.To.Add(-time.Minute).In(store.Tokyo)
		r.SameDay = store.DayOf(s.From) == store.DayOf(last0)
		r.SameYear = s.From.In(store.Tokyo).Year() == last0.Year()
		at := store.Point{Start: b.At.In(store.Tokyo), Unit: u}
		last := store.Point{Start: stepBack(at.Start, u), Unit: u}
		a := store.When{From: &at, To: w.To}
		z := store.When{From: w.From, To: &last}
		if !valid(a, now) || !valid(z, now) {
			return views.Refine{At: b.At, InsideAfter: b.InsideAfter}
		}
		after, before = append(after, a), append(before, z)
	}
	if ok {
		r.AfterURL, r.BeforeURL = withWhens(uses, i, after), withWhens(uses, i, before)
	}
	return r
}

// periodAsk is "did you use it in this period?" for an answer without a
// date: yes puts the window itself as the answer, no the time around it.
func periodAsk(uses []store.Use, i int, w store.Window, svc store.Service, act store.Activity, now time.Time) *views.PeriodAsk {
	ask := &views.PeriodAsk{Window: views.Window{Stated: true, From: w.From, To: w.To},
		Question: "この期間に、" + shortActivity(svc, act) + "ことがありますか？"}
	var yes store.When
	var no []store.When
	if w.From != nil {
		from := store.Point{Start: w.From.In(store.Tokyo), Unit: unitOr(w.FromUnit)}
		before := store.Point{Start: stepBack(*w.From, from.Unit), Unit: from.Unit}
		yes.From = &from
		if c := (store.When{To: &before}); valid(c, now) {
			no = append(no, c)
		}
	}
	if w.To != nil && !w.To.After(now) {
		u := unitOr(w.ToUnit)
		after := store.Point{Start: w.To.In(store.Tokyo), Unit: u}
		last := store.Point{Start: stepBack(after.Start, u), Unit: u}
		yes.To = &last
		if c := (store.When{From: &after}); valid(c, now) {
			no = append(no, c)
		}
	}
	if yes.From == nil && yes.To == nil || !valid(yes, now) {
		return nil
	}
	ask.YesURL = withWhens(uses, i, []store.When{yes})
	if len(no) > 0 {
		ask.NoURL = withWhens(uses, i, no)
	}
	return ask
}
