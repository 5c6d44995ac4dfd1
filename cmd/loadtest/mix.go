package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"

	"exposurecheck/store"
)

// service is what the generator needs to know about one service: its id,
// the words people search it by, its activities and its incident.
type service struct {
	ID         string
	Terms      []string // name, kana, aliases
	Activities []string
	Incident   string
}

// catalog is the generator's view of the site's data.
type catalog struct {
	services  []service
	keys      []string // every service.activity
	incidents []string
}

func newCatalog(svcs []service) (*catalog, error) {
	c := &catalog{services: svcs}
	for _, s := range svcs {
		if s.ID == "" {
			return nil, errors.New("a service without an id")
		}
		for _, a := range s.Activities {
			c.keys = append(c.keys, s.ID+"."+a)
		}
		if s.Incident != "" && !slices.Contains(c.incidents, s.Incident) {
			c.incidents = append(c.incidents, s.Incident)
		}
	}
	if len(c.keys) == 0 {
		return nil, errors.New("no service has any activity")
	}
	return c, nil
}

// kind is one type of task a worker performs; a task is one or more HTTP
// requests.
type kind int

const (
	kindStart kind = iota
	kindSearch
	kindJourney
	kindResult
	kindAPICheck
	kindAPIServices
	kindIncidents
	kindStatic
)

// mixEntry gives a kind's share of HTTP requests and how many requests one
// of its tasks makes (a journey makes five).
type mixEntry struct {
	kind     kind
	name     string
	share    float64
	requests float64
}

// defaultMix is the share of HTTP requests per kind (sums to 1).
var defaultMix = []mixEntry{
	{kindStart, "start", 0.10, 1},
	{kindSearch, "search", 0.10, 1},
	{kindJourney, "journey", 0.15, journeySteps},
	{kindResult, "result", 0.35, 1},
	{kindAPICheck, "api_check", 0.15, 1},
	{kindAPIServices, "api_services", 0.03, 1},
	{kindIncidents, "incidents", 0.05, 1},
	{kindStatic, "static", 0.07, 1},
}

// journeySteps: GET /check, POST /check, GET /check/when, POST /check/when,
// GET /result.
const journeySteps = 5

// picker chooses task kinds so that each kind's share of HTTP requests
// matches the mix: a kind whose task makes n requests is picked share/n of
// the time (normalised).
type picker struct {
	kinds []kind
	cum   []float64
	// tasksPerRequest is the number of tasks to start per HTTP request wanted.
	tasksPerRequest float64
}

func newPicker(mix []mixEntry) picker {
	var p picker
	total := 0.0
	for _, m := range mix {
		total += m.share / m.requests
	}
	acc := 0.0
	for _, m := range mix {
		acc += m.share / m.requests / total
		p.kinds = append(p.kinds, m.kind)
		p.cum = append(p.cum, acc)
	}
	p.cum[len(p.cum)-1] = 1
	sum := 0.0
	for _, m := range mix {
		sum += m.share
	}
	p.tasksPerRequest = total / sum
	return p
}

func (p picker) pick(r *rand.Rand) kind {
	x := r.Float64()
	for i, c := range p.cum {
		if x < c {
			return p.kinds[i]
		}
	}
	return p.kinds[len(p.kinds)-1]
}

// jst is Asia/Tokyo without needing tzdata (Japan has no DST).
var jst = time.FixedZone("JST", 9*60*60)

var (
	earliest = time.Date(2005, 1, 1, 0, 0, 0, 0, jst)
	latest   = time.Date(2026, 1, 1, 0, 0, 0, 0, jst) // exclusive: dates up to 2025-12-31
)

// truncate is the grammar point of unit u that contains t.
func truncate(t time.Time, u store.Unit) store.Point {
	t = t.In(jst)
	switch u {
	case store.Year:
		t = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, jst)
	case store.Month:
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, jst)
	case store.DayUnit:
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, jst)
	default:
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, jst)
	}
	return store.Point{Start: t, Unit: u}
}

func randomInstant(r *rand.Rand) time.Time {
	span := latest.Sub(earliest)
	return earliest.Add(time.Duration(r.Int64N(int64(span))))
}

func randomUnit(r *rand.Rand) store.Unit {
	switch x := r.IntN(100); {
	case x < 15:
		return store.Year
	case x < 45:
		return store.Month
	case x < 90:
		return store.DayUnit
	default:
		return store.Minute
	}
}

// randomWhen is one when of the grammar, never "unknown": a point, a closed
// range, or a range open at one end, with dates in 2005–2025.
func randomWhen(r *rand.Rand) string {
	switch x := r.IntN(100); {
	case x < 55:
		return truncate(randomInstant(r), randomUnit(r)).String()
	case x < 85:
		a, b := randomInstant(r), randomInstant(r)
		if b.Before(a) {
			a, b = b, a
		}
		// a ≤ b, so the range covers something whatever the units.
		return truncate(a, randomUnit(r)).String() + ".." + truncate(b, randomUnit(r)).String()
	case x < 92:
		return truncate(randomInstant(r), randomUnit(r)).String() + ".."
	default:
		return ".." + truncate(randomInstant(r), randomUnit(r)).String()
	}
}

// randomUse is one use for key: sometimes without a date, sometimes
// "unknown", otherwise one to three whens.
func randomUse(r *rand.Rand, key string) string {
	switch x := r.IntN(100); {
	case x < 8:
		return key
	case x < 18:
		return key + "@unknown"
	}
	n := 1 + r.IntN(3)
	whens := make([]string, n)
	for i := range whens {
		whens[i] = randomWhen(r)
	}
	return key + "@" + strings.Join(whens, ",")
}

// randomUses is n uses (capped at the number of keys) with distinct
// service.activity keys, as the grammar requires.
func (c *catalog) randomUses(r *rand.Rand, n int) []string {
	n = min(n, len(c.keys))
	perm := r.Perm(len(c.keys))
	uses := make([]string, n)
	for i := range uses {
		uses[i] = randomUse(r, c.keys[perm[i]])
	}
	return uses
}

// usesQuery is the query string of a check with 1–10 random uses.
func (c *catalog) usesQuery(r *rand.Rand) string {
	v := url.Values{"use": c.randomUses(r, 1+r.IntN(10))}
	return v.Encode()
}

// misses are searches that find nothing, or nearly nothing.
var misses = []string{"存在しないショップ", "ヤフオク", "zzz", "めるかり", "楽天ブックス", "カード"}

// randomQuery is what someone types in the search box: mostly a name, kana
// or alias, sometimes the first characters of one, sometimes a miss.
func (c *catalog) randomQuery(r *rand.Rand) string {
	switch x := r.IntN(100); {
	case x < 8:
		return misses[r.IntN(len(misses))]
	case x < 13:
		return c.services[r.IntN(len(c.services))].ID
	}
	s := c.services[r.IntN(len(c.services))]
	if len(s.Terms) == 0 {
		return s.ID
	}
	t := s.Terms[r.IntN(len(s.Terms))]
	if r.IntN(100) < 15 {
		if rs := []rune(t); len(rs) > 2 {
			t = string(rs[:2+r.IntN(len(rs)-2)])
		}
	}
	return t
}

// answer is one activity ticked in step 2 of the questionnaire.
type answer struct {
	Key                  string // service.activity
	Mode                 string // day, month, range, unknown
	Day, Month, From, To string
}

// journey is a questionnaire run: services picked in step 1, activities and
// dates answered in step 2. Every picked service has at least one answer.
type journey struct {
	Services []string
	Answers  []answer
}

// randomJourney picks one to three activities (and thereby their services)
// and answers each with a random valid date, mostly a day.
func (c *catalog) randomJourney(r *rand.Rand) journey {
	var j journey
	perm := r.Perm(len(c.keys))
	for _, i := range perm[:min(1+r.IntN(3), len(perm))] {
		key := c.keys[i]
		svc, _, _ := strings.Cut(key, ".")
		if !slices.Contains(j.Services, svc) {
			j.Services = append(j.Services, svc)
		}
		a := answer{Key: key}
		switch x := r.IntN(100); {
		case x < 70:
			a.Mode, a.Day = "day", randomInstant(r).Format("2006-01-02")
		case x < 80:
			a.Mode, a.Month = "month", randomInstant(r).Format("2006-01")
		case x < 90:
			from, to := randomInstant(r), randomInstant(r)
			if to.Before(from) {
				from, to = to, from
			}
			a.Mode, a.From, a.To = "range", from.Format("2006-01-02"), to.Format("2006-01-02")
		default:
			a.Mode = "unknown"
		}
		j.Answers = append(j.Answers, a)
	}
	return j
}

// servicesForm is the body of POST /check (step 1, "next").
func (j journey) servicesForm(csrf string) url.Values {
	return url.Values{"service": j.Services, "action": {"next"}, "csrf": {csrf}}
}

// whenForm is the body of POST /check/when (step 2).
func (j journey) whenForm(csrf string) url.Values {
	v := url.Values{"csrf": {csrf}}
	for _, a := range j.Answers {
		v.Add("act", a.Key)
		v.Set("mode."+a.Key, a.Mode)
		switch a.Mode {
		case "day":
			v.Set("day."+a.Key, a.Day)
		case "month":
			v.Set("month."+a.Key, a.Month)
		case "range":
			v.Set("from."+a.Key, a.From)
			v.Set("to."+a.Key, a.To)
		}
	}
	return v
}

// use is the use the server should make of an answer (for tests).
func (a answer) use() string {
	switch a.Mode {
	case "day":
		return a.Key + "@" + a.Day
	case "month":
		return a.Key + "@" + a.Month
	case "range":
		if a.From == a.To {
			return a.Key + "@" + a.From
		}
		return a.Key + "@" + a.From + ".." + a.To
	case "unknown":
		return a.Key
	}
	panic(fmt.Sprintf("answer mode %q", a.Mode))
}
