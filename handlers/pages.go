package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
	"exposurecheck/views"
)

// Start is "/".
func (s *Server) Start(c echo.Context) error {
	list, err := s.incidentSummaries(c.Request().Context())
	if err != nil {
		return err
	}
	page := views.StartPage{Meta: s.meta("", ""), Incidents: list[:min(StartListed, len(list))], Total: len(list),
		MaxQuery: MaxQuery, Updated: s.db.Updated().Time()}
	page.Meta.Description = "情報流出があったお店・サービスについて、自分が対象かを個人情報を入力せずに確認できます。"
	cacheFor(c, 5*time.Minute)
	return render(c, http.StatusOK, views.Start(page))
}

// StartListed is how many of the newest incidents the start page lists;
// PerPage how many /incidents shows on a page.
const (
	StartListed = 8
	PerPage     = 100
)

// summaryCache holds each database's incident rows: the data is read-only,
// so the rows are worded once, not per request.
var summaryCache sync.Map // *store.DB → []views.IncidentSummary

func (s *Server) incidentSummaries(ctx context.Context) ([]views.IncidentSummary, error) {
	if v, ok := summaryCache.Load(s.db); ok {
		return v.([]views.IncidentSummary), nil
	}
	incs, err := s.db.Incidents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]views.IncidentSummary, 0, len(incs))
	for _, inc := range incs {
		sum := views.IncidentSummary{ID: inc.ID, Title: inc.Title, Organisations: inc.OrganisationNames(),
			Published: publishedTime(inc), Year: incidentYear(inc), Excerpt: inc.Notice.Excerpt, DataKinds: s.dataKinds(inc), URL: "/incidents/" + inc.ID}
		for _, svc := range inc.Services {
			link := views.Link{Label: svc.Name, URL: "/services/" + svc.ID}
			if svc.Unaffected != nil {
				sum.Unaffected = append(sum.Unaffected, link)
			} else {
				sum.Services = append(sum.Services, link)
			}
		}
		out = append(out, sum)
	}
	summaryCache.Store(s.db, out)
	return out, nil
}

// Incidents is /incidents.
func (s *Server) Incidents(c echo.Context) error {
	all, err := s.incidentSummaries(c.Request().Context())
	if err != nil {
		return err
	}
	pages := max(1, (len(all)+PerPage-1)/PerPage)
	n := 1
	if raw := c.QueryParam("page"); raw != "" {
		if n, err = strconv.Atoi(raw); err != nil || n < 1 {
			return badRequest("invalid_page", "page", "ページ番号は1以上の数字で指定してください。")
		}
		if n > pages {
			return store.ErrNotFound
		}
	}
	list := all[(n-1)*PerPage : min(n*PerPage, len(all))]
	cacheFor(c, 5*time.Minute)
	page := views.IncidentsPage{Meta: s.meta("事案一覧", "incidents"), Total: len(all), Incidents: list, Page: n, Pages: pages}
	if n > 1 {
		page.Prev = fmt.Sprintf("/incidents?page=%d", n-1)
	}
	if n < pages {
		page.Next = fmt.Sprintf("/incidents?page=%d", n+1)
	}
	if n > 1 {
		page.Meta.Title = fmt.Sprintf("事案一覧（%dページ目）", n)
	}
	for _, inc := range list {
		// Unknown publication dates sort last; they share one group rather
		// than repeat a year heading out of order.
		group := inc.Year
		if inc.Published == nil {
			group = "公表日が分からない事案"
		}
		if n := len(page.Years); n == 0 || page.Years[n-1].Year != group {
			page.Years = append(page.Years, views.IncidentYear{Year: group, Dated: inc.Published != nil, Anchor: fmt.Sprintf("y%d", n+1)})
		}
		last := &page.Years[len(page.Years)-1]
		last.Incidents = append(last.Incidents, inc)
	}
	return render(c, http.StatusOK, views.Incidents(page))
}

// Incident is /incidents/{id}.
func (s *Server) Incident(c echo.Context) error {
	inc, err := s.db.Incident(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	now := s.now()
	page := views.IncidentPage{Meta: s.meta(inc.Title, "incidents"), Title: inc.Title, Organisations: inc.OrganisationNames(), OrgLabel: orgLabel(inc),
		Published: publishedTime(inc), PublishedNote: inc.PublishedNote, Summary: views.Quote{Text: inc.Summary.Text, Quote: inc.Summary.Quote},
		JSONURL: "/api/v1/incidents/" + inc.ID, Excerpt: inc.Notice.Excerpt}
	if inc.Notice.RetrievedFrom != nil {
		page.RetrievedFrom = *inc.Notice.RetrievedFrom
	}
	if inc.Published != nil && inc.Published.Inferred != "" {
		page.PublishedNote = strings.TrimSpace(page.PublishedNote + " 通知の記載から推定: " + inc.Published.Inferred)
	}
	if inc.Discovered != nil {
		d := inc.Discovered.Day.Time()
		page.Discovered, page.DiscoveredMon = &d, inc.Discovered.Unit == store.Month
	}
	if days, ok := inc.DaysToAnnounce(); ok {
		page.Days = &days
	}
	// Services of this incident, and those of other files it has populations for.
	seen := map[string]bool{}
	for _, svc := range inc.Services {
		seen[svc.ID] = true
		link := views.Link{Label: svc.Name, URL: "/services/" + svc.ID}
		if svc.Unaffected != nil {
			page.Unaffected = append(page.Unaffected, link)
			continue
		}
		page.Services = append(page.Services, link)
	}
	for _, p := range inc.Populations {
		if !seen[p.Service] {
			seen[p.Service] = true
			page.Services = append(page.Services, views.Link{Label: s.serviceName(p.Service), URL: "/services/" + p.Service})
		}
		pv := populationWithVerdict(&p, "", "", map[string]*store.Incident{inc.ID: &inc}, s.advice, s.popBodies)
		pv.Level = 3
		page.Populations = append(page.Populations, pv)
	}
	for _, e := range inc.Timeline {
		page.Timeline = append(page.Timeline, views.Event{At: pointText(e.At), Text: e.Text, Quote: e.Quote, Inferred: e.Inferred})
	}
	for _, e := range inc.Updates {
		page.Updates = append(page.Updates, views.Event{At: pointText(e.At), Text: e.Text, Quote: e.Quote, Inferred: e.Inferred})
	}
	for _, k := range inc.Contacts {
		page.Contacts = append(page.Contacts, contactView(k, now, s.serviceName))
	}
	for _, n := range inc.Notes {
		page.Notes = append(page.Notes, views.Quote{Text: n.Text, Quote: n.Quote})
	}
	for _, src := range inc.Sources {
		sv := views.SourceView{Title: src.Title, OurTitle: !src.TitleFromNotice}
		if src.URL != nil {
			sv.URL = *src.URL
		}
		if src.Date != nil {
			d := src.Date.Time()
			sv.Date = &d
		}
		page.Sources = append(page.Sources, sv)
	}
	cacheFor(c, time.Minute) // desks' open/closed state changes by the minute
	return render(c, http.StatusOK, views.IncidentDetail(page))
}

// pointText words a timeline instant at the precision the notice gave.
func pointText(at string) string {
	p, err := store.ParsePoint(at)
	if err != nil {
		return at
	}
	switch p.Unit {
	case store.Year:
		return p.Start.Format("2006年")
	case store.Month:
		return fmt.Sprintf("%d年%d月", p.Start.Year(), int(p.Start.Month()))
	case store.DayUnit:
		return views.JDate(p.Start)
	}
	return views.JDate(p.Start) + " " + p.Start.Format("15:04")
}

// Service is /services/{id}.
func (s *Server) Service(c echo.Context) error {
	svc, err := s.db.Service(c.Param("id"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	inc, err := s.db.Incident(ctx, svc.Incident)
	if err != nil {
		return err
	}
	page := views.ServicePage{Meta: s.meta(svc.Name, "incidents"), Name: svc.Name, Operator: svc.Operator, Aliases: svc.Aliases,
		Incident: views.Link{Label: inc.Title, URL: "/incidents/" + inc.ID}}
	if page.Operator == "" {
		// The text names no operator; an excerpt may name it past the cut.
		page.Operator = "運営者の記載なし"
		if inc.Notice.Excerpt {
			page.Operator = "運営者の名前は手元の写し（ページの冒頭部分）にありません"
		}
	}
	if svc.Unaffected != nil {
		page.Unaffected = &views.Quote{Text: svc.Unaffected.Text, Quote: svc.Unaffected.Quote}
	}
	pops, err := s.db.ServicePopulations(ctx, svc.ID)
	if err != nil {
		return err
	}
	incs := map[string]*store.Incident{inc.ID: &inc}
	for _, p := range pops {
		if _, ok := incs[p.Incident]; !ok {
			if other, err := s.db.Incident(ctx, p.Incident); err == nil {
				incs[p.Incident] = &other
			}
		}
		pv := populationWithVerdict(&p, "", "", incs, s.advice, s.popBodies)
		pv.Level = 3
		page.Pops = append(page.Pops, pv)
	}
	for _, a := range svc.Activities {
		page.Activities = append(page.Activities, views.Link{Label: a.Label, URL: "/check/edit?use=" + svc.ID + "." + a.ID})
	}
	cacheFor(c, 5*time.Minute)
	return render(c, http.StatusOK, views.ServiceDetail(page))
}

// About is /about.
func (s *Server) About(c echo.Context) error {
	list, err := s.incidentSummaries(c.Request().Context())
	if err != nil {
		return err
	}
	page := views.AboutPage{Meta: s.meta("このサイトの仕組み", "about")}
	for _, i := range list {
		page.Sources = append(page.Sources, views.Link{Label: i.Title + "（" + i.Organisations + "）", URL: i.URL})
	}
	cacheFor(c, 5*time.Minute)
	return render(c, http.StatusOK, views.About(page))
}

// Healthz answers 200 when the data is loaded and the database answers.
func (s *Server) Healthz(c echo.Context) error {
	noStore(c)
	if err := s.db.Ping(c.Request().Context()); err != nil {
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}

// publishedTime is the publication day, or nil when the text does not say.
func publishedTime(inc store.Incident) *time.Time {
	if inc.Published == nil {
		return nil
	}
	t := inc.Published.Day.Time()
	return &t
}

// dataKinds names the kinds of data an incident concerns, most urgent first,
// for lists read at a glance.
func (s *Server) dataKinds(inc store.Incident) string {
	groups := map[store.DataGroup]bool{}
	for _, p := range inc.Populations {
		for _, c := range p.Exposed {
			if a, ok := s.advice[c]; ok {
				groups[a.Group] = true
			}
		}
	}
	var names []string
	for _, g := range store.DataGroups {
		if groups[g] {
			names = append(names, groupNames[g])
		}
	}
	return strings.Join(names, "・")
}

// groupNames are the result page's words for each kind of data.
var groupNames = map[store.DataGroup]string{
	store.CardData:     "カード情報",
	store.LoginData:    "ログイン情報",
	store.ContactData:  "連絡先",
	store.PersonalData: "個人情報",
	store.OtherData:    "その他の情報",
}

// incidentYear is the year a list shows first: the publication's, else the
// discovery's, else the first dated event's.
func incidentYear(inc store.Incident) string {
	switch {
	case inc.Published != nil:
		return fmt.Sprintf("%d年", inc.Published.Day.Year)
	case inc.Discovered != nil:
		return fmt.Sprintf("%d年", inc.Discovered.Day.Year)
	}
	for _, e := range inc.Timeline {
		if p, err := store.ParsePoint(e.At); err == nil {
			return fmt.Sprintf("%d年", p.Start.Year())
		}
	}
	return "年の記載なし"
}

// orgLabel heads the organisation row by what sort of body it is.
func orgLabel(inc store.Incident) string {
	kinds := map[store.OrganisationKind]bool{}
	for _, o := range inc.Organisations {
		kinds[o.Kind] = true
	}
	switch {
	case len(kinds) == 1 && kinds[store.Company]:
		return "会社"
	case len(kinds) == 1 && kinds[store.PublicBody]:
		return "公的機関"
	case len(kinds) == 1 && kinds[store.Association]:
		return "団体"
	}
	return "公表した組織"
}
