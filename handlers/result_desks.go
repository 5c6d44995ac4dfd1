package handlers

import (
	"slices"
	"strings"
	"time"

	"exposurecheck/store"
	"exposurecheck/views"
)

// Whom to call, once per incident: the desks that may still answer first
// and as easy to tap as a phone, ended desks on a line each, and where the
// text names none, what to do instead.

func buildDesks(services []*serviceResult, incidents map[string]*store.Incident, d *resultData, now time.Time) ([]views.DeskGroup, bool) {
	groups := make([]views.DeskGroup, 0, len(services))
	groupIDs := make([]string, 0, len(services)) // the incident of each group
	press := false
	concerned, ids := make([]string, 0, 16), make([]string, 0, 16)
	incs := make([]*store.Incident, 0, 4)
	seen := make([][2]string, 0, 16) // label, value
	for _, sr := range services {
		if sr.verdict == store.Outside || sr.verdict == store.Unaffected {
			continue
		}
		cardConcerned := slices.ContainsFunc(sr.lines, func(l lineResult) bool { return l.kind == "card" && l.verdict != store.Outside })
		concerned, ids = concerned[:0], ids[:0]
		for _, r := range sr.results {
			for j := range r.Populations {
				if pr := &r.Populations[j]; pr.Verdict != store.Outside {
					concerned = append(concerned, pr.Population.ID)
					ids = append(ids, pr.Population.Incident)
				}
			}
		}
		incs = sortedIncidents(incs, ids, incidents)
		for _, inc := range incs {
			i := slices.Index(groupIDs, inc.ID)
			if i < 0 {
				i = len(groups)
				groupIDs = append(groupIDs, inc.ID)
				groups = append(groups, views.DeskGroup{})
			}
			g := &groups[i]
			if g.Heading == "" {
				g.Heading = sr.svc.Name
			} else if !strings.Contains(g.Heading, sr.svc.Name) {
				g.Heading += "・" + sr.svc.Name
			}
			seen = seen[:0]
			for _, d := range g.Live {
				seen = append(seen, [2]string{d.Label, d.Value})
			}
			for _, d := range g.Ended {
				seen = append(seen, [2]string{d.Label, d.Value})
			}
			for _, r := range sr.results {
				for _, c := range r.Contacts {
					if c.Incident != inc.ID || slices.Contains(seen, [2]string{c.Label, c.Value}) {
						continue
					}
					seen = append(seen, [2]string{c.Label, c.Value})
					if c.ForPress() {
						press = true
						continue
					}
					cv := contactView(c, now, nil) // the group's heading names the service
					if c.ValidFrom == nil && inc.Published != nil {
						d := inc.Published.Day.Time()
						markStale(&cv, &d, now)
					}
					if cv.State == string(store.DeskEnded) {
						g.Ended = append(g.Ended, cv)
					} else {
						g.Live = append(g.Live, cv)
					}
				}
			}
			slices.SortStableFunc(g.Live, func(a, b views.ContactView) int { return liveRank(a) - liveRank(b) })
			g.NoDesk = len(g.Live) == 0 && len(g.Ended) == 0
			if inc.Notice.Excerpt && g.Excerpt == nil {
				ref := refOf(inc, d.refs)
				g.Excerpt = &views.ExcerptView{Title: inc.Title, URL: ref.RetrievedFrom}
			}
			if cardConcerned && (len(g.Live) == 0 || inc.Notice.Excerpt) {
				g.CardAdvice = true
			}
			for _, n := range deskNotes(d, inc, concerned, sr.svc.Name, g.Live) {
				if !slices.ContainsFunc(g.Notes, func(o views.NoteView) bool { return o.Text == n.Text }) {
					g.Notes = append(g.Notes, n)
				}
			}
		}
	}
	return groups, press
}

// liveRank puts the desks most likely to answer first: open now, then
// closed for the night, then those with no hours; a desk nobody has
// vouched for in over a year after every one that is current.
var deskStateRanks = map[string]int{"open": 0, "closed_now": 1, "unknown": 2}

func liveRank(d views.ContactView) int {
	r := deskStateRanks[d.State]
	if d.Stale {
		r += 10
	}
	return r
}
