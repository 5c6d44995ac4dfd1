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

// Start is "/".
func (s *Server) Start(c echo.Context) error {
	list, err := s.incidentSummaries(c.Request().Context())
	if err != nil {
		return err
	}
	page := views.StartPage{Meta: s.meta("", ""), Incidents: list, Updated: s.db.Updated().Time()}
	page.Meta.Description = "情報流出があったお店・サービスについて、自分が対象かを個人情報を入力せずに確認できます。"
	cacheFor(c, 5*time.Minute)
	return render(c, http.StatusOK, views.Start(page))
}

func (s *Server) incidentSummaries(ctx context.Context) ([]views.IncidentSummary, error) {
	incs, err := s.db.Incidents(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]views.IncidentSummary, 0, len(incs))
	for _, inc := range incs {
		sum := views.IncidentSummary{ID: inc.ID, Title: inc.Title, Organisations: strings.Join(inc.Organisations, "・"),
			Published: inc.Published.Time(), URL: "/incidents/" + inc.ID}
		for _, svc := range inc.Services {
			sum.Services = append(sum.Services, views.Link{Label: svc.Name, URL: "/services/" + svc.ID})
		}
		out = append(out, sum)
	}
	return out, nil
}

// Incidents is /incidents.
func (s *Server) Incidents(c echo.Context) error {
	list, err := s.incidentSummaries(c.Request().Context())
	if err != nil {
		return err
	}
	cacheFor(c, 5*time.Minute)
	return render(c, http.StatusOK, views.Incidents(views.IncidentsPage{Meta: s.meta("事案一覧", "incidents"), Incidents: list}))
}

// Incident is /incidents/{id}.
func (s *Server) Incident(c echo.Context) error {
	inc, err := s.db.Incident(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	now := s.now()
	page := views.IncidentPage{Meta: s.meta(inc.Title, "incidents"), Title: inc.Title, Organisations: strings.Join(inc.Organisations, "・"),
		Published: inc.Published.Time(), PublishedNote: inc.PublishedNote, Summary: views.Quote{Text: inc.Summary.Text, Quote: inc.Summary.Quote},
		JSONURL: "/api/v1/incidents/" + inc.ID}
	if inc.Discovered != nil {
		d := inc.Discovered.Day.Time()
		page.Discovered, page.Days = &d, store.DaysBetween(inc.Discovered.Day, inc.Published)
	}
	// Services of this incident, and those of other files it has populations for.
	seen := map[string]bool{}
	for _, svc := range inc.Services {
		seen[svc.ID] = true
		page.Services = append(page.Services, views.Link{Label: svc.Name, URL: "/services/" + svc.ID})
	}
	for _, p := range inc.Populations {
		if !seen[p.Service] {
			seen[p.Service] = true
			page.Services = append(page.Services, views.Link{Label: s.serviceName(p.Service), URL: "/services/" + p.Service})
		}
		pv := populationView(p, "", nil, map[string]store.Incident{inc.ID: inc}, s.advice)
		pv.Level = 3
		page.Populations = append(page.Populations, pv)
	}
	for _, e := range inc.Timeline {
		page.Timeline = append(page.Timeline, views.Event{At: pointText(e.At), Text: e.Text, Quote: e.Quote})
	}
	for _, e := range inc.Updates {
		page.Updates = append(page.Updates, views.Event{At: pointText(e.At), Text: e.Text, Quote: e.Quote})
	}
	for _, k := range inc.Contacts {
		page.Contacts = append(page.Contacts, contactView(k, now, s.serviceName))
	}
	for _, n := range inc.Notes {
		page.Notes = append(page.Notes, views.Quote{Text: n.Text, Quote: n.Quote})
	}
	for _, src := range inc.Sources {
		sv := views.SourceView{Title: src.Title}
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
	if svc.Unaffected != nil {
		page.Unaffected = &views.Quote{Text: svc.Unaffected.Text, Quote: svc.Unaffected.Quote}
	}
	pops, err := s.db.ServicePopulations(ctx, svc.ID)
	if err != nil {
		return err
	}
	incs := map[string]store.Incident{inc.ID: inc}
	for _, p := range pops {
		if _, ok := incs[p.Incident]; !ok {
			if other, err := s.db.Incident(ctx, p.Incident); err == nil {
				incs[p.Incident] = other
			}
		}
		pv := populationView(p, "", nil, incs, s.advice)
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
