package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
	"exposurecheck/views"
)

// Result is the bookmarkable result page: everything comes from the URL.
func (s *Server) Result(c echo.Context) error {
	_, results, now, err := s.checkQuery(c)
	if err != nil {
		return err
	}
	incidents, err := s.incidentsOf(results)
	if err != nil {
		return err
	}
	page := buildResultPage(results, incidents, s.resultData, now, s.db.Updated().Time())
	page.Meta = s.meta(page.Meta.Title, "check")
	page.Meta.CSS = s.assets.URL("result.css")
	page.Meta.NoIndex = true
	page.Meta.Canonical = page.Permalink // relative, before it is made absolute
	// Shown for copying, so it must work outside this site: make it absolute.
	page.Permalink = c.Scheme() + "://" + c.Request().Host + page.Permalink
	// The answers are in the URL: keep the page out of shared caches.
	noStore(c)
	return render(c, http.StatusOK, views.Result(page))
}

// checkQuery parses the request's use parameters and checks them, for the
// result page and the API alike.
func (s *Server) checkQuery(c echo.Context) ([]store.Use, []store.UseResult, time.Time, error) {
	now := s.now()
	uses, err := store.ParseUses(c.QueryParams()["use"], s.db, now)
	if err != nil {
		return nil, nil, now, useError(err)
	}
	results, err := s.check(c.Request().Context(), uses, now)
	return uses, results, now, err
}

// check matches every use against the data, keeping the order asked.
func (s *Server) check(ctx context.Context, uses []store.Use, now time.Time) ([]store.UseResult, error) {
	out := make([]store.UseResult, 0, len(uses))
	for _, u := range uses {
		svc, err := s.db.Service(u.Service)
		if err != nil {
			return nil, err
		}
		act, _ := svc.Activity(u.Activity)
		pops, err := s.db.Populations(ctx, u.Service, u.Activity)
		if err != nil {
			return nil, err
		}
		contacts, err := s.db.Contacts(ctx, u.Service, u.Activity)
		if err != nil {
			return nil, err
		}
		out = append(out, store.Check(u, svc, act, pops, contacts, now))
	}
	return out, nil
}

func (s *Server) incidentsOf(results []store.UseResult) (map[string]*store.Incident, error) {
	out := make(map[string]*store.Incident, len(results))
	add := func(id string) error {
		if _, ok := out[id]; ok {
			return nil
		}
		inc, ok := s.db.IncidentRef(id)
		if !ok {
			return fmt.Errorf("incident %s: %w", id, store.ErrNotFound)
		}
		out[id] = inc
		return nil
	}
	for i := range results {
		r := &results[i]
		if err := add(r.Service.Incident); err != nil {
			return nil, err
		}
		for j := range r.Populations {
			if err := add(r.Populations[j].Population.Incident); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

var certaintyLabels = map[store.Certainty]string{
	store.Leaked:             "流出した（確認されている）",
	store.PossiblyLeaked:     "流出した可能性がある",
	store.UnderInvestigation: "流出したかどうかは調査中",
	store.DisclosedToParty:   "特定の相手に届いた（誤送信など）",
	store.AccessedNoEvidence: "不正アクセスはあったが、流出の痕跡は見つかっていない",
}

// countWords go around views.Count ("9,430件") as the notice's kind of number says.
var countWords = map[store.CountKind][2]string{
	store.CountMax:     {"最大 ", ""},
	store.CountExact:   {"", ""},
	store.CountAtLeast: {"", "以上"},
	store.CountAbout:   {"約 ", ""},
}

func populationView(p store.Population, v store.Verdict, why store.Why, incidents map[string]*store.Incident, advice map[string]store.Advice) views.PopulationView {
	inc := incidents[p.Incident]
	pv := views.PopulationView{Label: p.Label, Certainty: certaintyLabels[p.Certainty], MaxCount: p.MaxCount, CountNote: p.CountNote,
		Notes: p.Notes, Quote: p.Quote, Incident: inc.Title, Excerpt: inc.Notice.Excerpt}
	if p.Certainty == store.DisclosedToParty {
		pv.Certainty += "：" + p.DisclosedTo
	}
	if w, ok := countWords[p.CountKind]; ok && p.MaxCount != nil {
		pv.CountPrefix, pv.CountSuffix = w[0], w[1]
	}
	for _, c := range inc.Counts {
		if c.ID == p.CountGroup {
			w := countWords[c.Kind]
			pv.SharedCount = c.Label + "で" + w[0] + views.Count(c.Count) + w[1] + "（このグループだけの件数ではありません）"
		}
	}
	for _, o := range inc.Populations {
		if o.ID == p.Within {
			pv.Within = o.Label
		}
	}
	if p.OnlySome != nil {
		pv.OnlySome = &views.OnlySomeView{Criteria: p.OnlySome.Criteria, Who: p.OnlySome.Who}
	}
	if p.Inferred != "" {
		pv.Inferred = append(pv.Inferred, p.Inferred)
	}
	if p.Window != nil && p.Window.Inferred != "" {
		pv.Inferred = append(pv.Inferred, "対象期間: "+p.Window.Inferred)
	}
	if v != "" {
		pv.Verdict, pv.VerdictLabel = string(v), verdictLabel(v, why)
	}
	if p.Window != nil {
		pv.Window = views.Window{Stated: true, From: p.Window.From, To: p.Window.To}
	}
	for _, c := range p.Exposed {
		pv.Exposed = append(pv.Exposed, labelOf(advice, c))
	}
	for _, b := range p.Breakdown {
		labels := make([]string, len(b.Exposed))
		for i, c := range b.Exposed {
			labels[i] = labelOf(advice, c)
		}
		pv.Breakdown = append(pv.Breakdown, views.BreakdownView{Exposed: strings.Join(labels, "・"), Count: b.Count})
	}
	return pv
}

// populationWithVerdict is populationView with the details taken from
// bodies when they were rendered at start (every page that shows a group:
// results, incident and service pages).
func populationWithVerdict(p *store.Population, v store.Verdict, why store.Why, incidents map[string]*store.Incident, advice map[string]store.Advice, bodies map[popID]string) views.PopulationView {
	body, ok := bodyOf(bodies, p)
	if !ok {
		return populationView(*p, v, why, incidents, advice)
	}
	pv := views.PopulationView{Label: p.Label, Body: body}
	if v != "" {
		pv.Verdict, pv.VerdictLabel = string(v), verdictLabel(v, why)
	}
	return pv
}

// labelOf names a data class in Japanese, from the advice file.
func labelOf(advice map[string]store.Advice, class string) string {
	if a, ok := advice[class]; ok && a.Label != "" {
		return a.Label
	}
	return class
}

// serviceName names a service id for people.
func (s *Server) serviceName(id string) string {
	if svc, err := s.db.Service(id); err == nil {
		return svc.Name
	}
	return id
}
