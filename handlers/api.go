package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
)

type apiCheck struct {
	Results []apiResult `json:"results"`
}

type apiResult struct {
	Use         string           `json:"use"`
	Service     apiRef           `json:"service"`
	Activity    apiActivity      `json:"activity"`
	Verdict     store.Verdict    `json:"verdict"`
	Unaffected  *store.Statement `json:"unaffected,omitempty"`
	Populations []apiPopulation  `json:"populations"`
	Contacts    []apiContact     `json:"contacts"`
}

type apiRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type apiActivity struct {
	ID    string             `json:"id"`
	Kind  store.ActivityKind `json:"kind"`
	Label string             `json:"label"`
}

type apiWindow struct {
	From       *string `json:"from"` // RFC 3339 in +09:00 (tokyoTime)
	To         *string `json:"to"`   // exclusive
	FromApprox bool    `json:"from_approx"`
	ToApprox   bool    `json:"to_approx"`
	Inferred   *string `json:"inferred"`
}

type apiPopulation struct {
	ID          string          `json:"id"`
	Incident    string          `json:"incident"`
	Verdict     store.Verdict   `json:"verdict"`
	Why         store.Why       `json:"why,omitempty"` // what keeps a partial from being a match
	Window      *apiWindow      `json:"window"`
	Exposed     []string        `json:"exposed"`
	Certainty   store.Certainty `json:"certainty"`
	DisclosedTo *string         `json:"disclosed_to,omitempty"`
	MaxCount    *int            `json:"max_count"`
	CountKind   store.CountKind `json:"count_kind,omitempty"`
	CountGroup  *string         `json:"count_group"`
	OnlySome    *store.OnlySome `json:"only_some"`
	Within      *string         `json:"within"`
	Inferred    *string         `json:"inferred"`
	Deciding    []apiBoundary   `json:"deciding,omitempty"`
}

// apiBoundary is a window edge inside the answer; inside_after says which side
// of it is inside the window.
type apiBoundary struct {
	At          string `json:"at"`
	InsideAfter bool   `json:"inside_after"`
	Approx      bool   `json:"approx"`
}

// orNil turns an empty string into JSON null, so "not stated" reads the same
// in every field.
func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type apiContact struct {
	Kind      string       `json:"kind"`
	Value     string       `json:"value"`
	Label     string       `json:"label"`
	Audience  []string     `json:"audience"`
	Hours     *store.Hours `json:"hours"`
	ValidFrom *string      `json:"valid_from"`
	ValidTo   *string      `json:"valid_to"`
	Status    string       `json:"status"`
	Next      *string      `json:"next_open,omitempty"`
}

// tokyoTime is a time as the API promises it, RFC 3339 with +09:00: the
// text time.Time's MarshalJSON writes, formatted here so that encoding/json
// need not call a marshaler and re-check its output for every time (a third
// of the check API's encoding).
func tokyoTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	v := t.In(store.Tokyo).Format(time.RFC3339Nano)
	return &v
}

// APICheck is GET /api/v1/check?use=...: the result page as JSON.
func (s *Server) APICheck(c echo.Context) error {
	_, results, now, err := s.checkQuery(c)
	if err != nil {
		return err
	}
	out := apiCheck{Results: make([]apiResult, 0, len(results))}
	for _, r := range results {
		ar := apiResult{Use: r.Use.String(), Service: apiRef{r.Service.ID, r.Service.Name},
			Activity: apiActivity{r.Activity.ID, r.Activity.Kind, r.Activity.Label}, Verdict: r.Verdict, Unaffected: r.Service.Unaffected,
			Populations: []apiPopulation{}, Contacts: []apiContact{}}
		for _, p := range r.Populations {
			pop := p.Population
			ap := apiPopulation{ID: pop.ID, Incident: pop.Incident, Verdict: p.Verdict, Why: p.Why, Exposed: pop.Exposed,
				Certainty: pop.Certainty, DisclosedTo: orNil(pop.DisclosedTo), MaxCount: pop.MaxCount, CountKind: pop.CountKind,
				CountGroup: orNil(pop.CountGroup), OnlySome: pop.OnlySome, Within: orNil(pop.Within), Inferred: orNil(pop.Inferred)}
			if w := pop.Window; w != nil {
				ap.Window = &apiWindow{From: tokyoTime(w.From), To: tokyoTime(w.To), FromApprox: w.FromApprox, ToApprox: w.ToApprox, Inferred: orNil(w.Inferred)}
			}
			for _, d := range p.Deciding {
				ap.Deciding = append(ap.Deciding, apiBoundary{At: *tokyoTime(&d.At), InsideAfter: d.InsideAfter, Approx: d.Approx})
			}
			ar.Populations = append(ar.Populations, ap)
		}
		for _, k := range r.Contacts {
			st := store.StatusAt(k, now)
			ar.Contacts = append(ar.Contacts, apiContact{Kind: k.Kind, Value: k.Value, Label: k.Label, Audience: k.Audience, Hours: k.Hours,
				ValidFrom: tokyoTime(k.ValidFrom), ValidTo: tokyoTime(k.ValidTo), Status: string(st.State), Next: tokyoTime(st.Next)})
		}
		out.Results = append(out.Results, ar)
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

type apiService struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Kana       string           `json:"kana"`
	Operator   string           `json:"operator"`
	Aliases    []string         `json:"aliases"`
	Incident   string           `json:"incident"`
	Activities []store.Activity `json:"activities"`
	Unaffected *store.Statement `json:"unaffected,omitempty"`
}

// APIServices is GET /api/v1/services[?q=...].
func (s *Server) APIServices(c echo.Context) error {
	q := c.QueryParam("q")
	if len([]rune(q)) > MaxQuery {
		return badRequest("query_too_long", "q", "検索語が長すぎます（100文字まで）。")
	}
	list, err := s.db.Search(c.Request().Context(), q)
	if err != nil {
		return err
	}
	out := struct {
		Services []apiService `json:"services"`
	}{Services: []apiService{}}
	for _, svc := range list {
		out.Services = append(out.Services, apiService{svc.ID, svc.Name, svc.Kana, svc.Operator, svc.Aliases, svc.Incident, svc.Activities, svc.Unaffected})
	}
	cacheFor(c, 5*time.Minute)
	return c.JSON(http.StatusOK, out)
}

// APIIncidents is GET /api/v1/incidents: every incident as curated.
func (s *Server) APIIncidents(c echo.Context) error {
	incs, err := s.db.Incidents(c.Request().Context())
	if err != nil {
		return err
	}
	cacheFor(c, 5*time.Minute)
	return c.JSON(http.StatusOK, struct {
		Incidents []store.Incident `json:"incidents"`
	}{incs})
}

// APIIncident is GET /api/v1/incidents/{id}, every quote and source included.
func (s *Server) APIIncident(c echo.Context) error {
	inc, err := s.db.Incident(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	cacheFor(c, 5*time.Minute)
	return c.JSON(http.StatusOK, inc)
}
