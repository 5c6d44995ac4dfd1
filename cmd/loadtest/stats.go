package main

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Outcomes of one request. The empty outcome is success.
const (
	outOK                   = ""
	outRefused              = "connection_refused"
	outReset                = "connection_reset"
	outTimeout              = "timeout"
	out5xx                  = "5xx"
	out4xx                  = "unexpected_4xx"
	outStatus               = "unexpected_status" // e.g. 200 where a 303 was due, or the wrong Location
	outOther                = "other"
	out429                  = "rate_limited_429"       // API only: expected under load, not an error
	outRefusedAfterShutdown = "refused_after_shutdown" // started after SIGTERM: expected
	outClosedAfterShutdown  = "closed_after_shutdown"  // started after SIGTERM on a keep-alive connection the server was closing: expected
)

// isError says whether an outcome counts as an error (429 and the expected
// after-shutdown failures do not).
func isError(outcome string) bool {
	switch outcome {
	case outOK, out429, outRefusedAfterShutdown, outClosedAfterShutdown:
		return false
	}
	return true
}

// percentile is the nearest-rank percentile (0 < p ≤ 100) of sorted values;
// 0 for no values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	rank = max(1, min(rank, n))
	return sorted[rank-1]
}

// Latency summarises latencies in milliseconds.
type Latency struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

func summarise(d []time.Duration) Latency {
	s := slices.Clone(d)
	slices.Sort(s)
	ms := func(x time.Duration) float64 { return math.Round(float64(x)/1e3) / 1e3 }
	l := Latency{Count: len(s), P50: ms(percentile(s, 50)), P90: ms(percentile(s, 90)), P99: ms(percentile(s, 99))}
	if len(s) > 0 {
		l.Max = ms(s[len(s)-1])
	}
	return l
}

// classStats is what is kept per request class.
type classStats struct {
	requests  int
	latencies []time.Duration // of requests that got a response
	status    map[int]int
	outcomes  map[string]int
}

// collector gathers every request's outcome.
type collector struct {
	mu       sync.Mutex
	classes  map[string]*classStats
	examples map[string][]string // a few error messages per outcome
	total    int
	errors   int
	limited  int

	journeysStarted, journeysCompleted, journeysAborted int
}

func newCollector() *collector {
	return &collector{classes: map[string]*classStats{}, examples: map[string][]string{}}
}

func (c *collector) add(class string, status int, outcome string, latency time.Duration, gotResponse bool, detail string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs := c.classes[class]
	if cs == nil {
		cs = &classStats{status: map[int]int{}, outcomes: map[string]int{}}
		c.classes[class] = cs
	}
	cs.requests++
	c.total++
	if gotResponse {
		cs.latencies = append(cs.latencies, latency)
		cs.status[status]++
	}
	if outcome != outOK {
		cs.outcomes[outcome]++
		if isError(outcome) {
			c.errors++
		}
		if outcome == out429 {
			c.limited++
		}
		keep := 1 // an example of an expected outcome is enough
		if isError(outcome) {
			keep = 5
		}
		if ex := c.examples[outcome]; len(ex) < keep && detail != "" {
			if len(detail) > 300 {
				detail = detail[:300] + "…"
			}
			c.examples[outcome] = append(ex, class+": "+detail)
		}
	}
}

// problem records a failure that is not a request of its own, such as a
// page that lacks what the next step needs: an error, but no request.
func (c *collector) problem(class, detail string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs := c.classes[class]
	if cs == nil {
		cs = &classStats{status: map[int]int{}, outcomes: map[string]int{}}
		c.classes[class] = cs
	}
	cs.outcomes[outOther]++
	c.errors++
	if ex := c.examples[outOther]; len(ex) < 5 {
		c.examples[outOther] = append(ex, class+": "+detail)
	}
}

func (c *collector) journey(completed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if completed {
		c.journeysCompleted++
	} else {
		c.journeysAborted++
	}
}

func (c *collector) journeyStarted() {
	c.mu.Lock()
	c.journeysStarted++
	c.mu.Unlock()
}

func (c *collector) snapshot() (total, errors, limited int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total, c.errors, c.limited
}

// ClassReport is one class's part of the report.
type ClassReport struct {
	Requests int            `json:"requests"`
	Latency  Latency        `json:"latency"`
	Status   map[string]int `json:"status"`
	Outcomes map[string]int `json:"outcomes,omitempty"`
}

// SigtermReport is what happened around the SIGTERM.
type SigtermReport struct {
	At                   float64  `json:"at_s"` // since the start of the run
	InFlight             int      `json:"in_flight_at_sigterm"`
	InFlightProbes       int      `json:"in_flight_probes"` // slow uploads begun just before the signal, part of in_flight
	Lost                 int      `json:"lost"`
	LostDetails          []string `json:"lost_details,omitempty"`
	StartedAfter         int      `json:"started_after_sigterm"`
	ServedAfter          int      `json:"served_after_sigterm"` // started after SIGTERM and still answered
	RefusedAfterShutdown int      `json:"refused_after_shutdown"`
	ClosedAfterShutdown  int      `json:"closed_after_shutdown"`
	ServerExited         bool     `json:"server_exited"`
	ServerExitCode       int      `json:"server_exit_code"`
	ShutdownSeconds      float64  `json:"shutdown_s"` // SIGTERM to process exit
	LoggedStopped        bool     `json:"server_logged_stopped"`
}

// ServerReport is about a server the load test started itself.
type ServerReport struct {
	Addr           string   `json:"addr"`
	ExitCode       int      `json:"exit_code"`
	LogLines       int      `json:"log_lines"`
	LogWarnings    int      `json:"log_warnings"`
	LogErrors      int      `json:"log_errors"`
	Logged5xx      int      `json:"logged_5xx"`
	LogPanics      int      `json:"log_panics"`
	NotableLog     []string `json:"notable_log,omitempty"`
	StderrTail     string   `json:"stderr_tail,omitempty"`
	CPUSeconds     float64  `json:"cpu_s"` // user + system, whole life of the process
	StoppedByUs    bool     `json:"stopped_by_loadtest"`
	StopSeconds    float64  `json:"stop_s,omitempty"`
	ExitedEarly    bool     `json:"exited_before_end"`
	StillRunningAt string   `json:"still_running,omitempty"`
}

// Report is the whole result, printed as text or JSON.
type Report struct {
	Target           string                 `json:"target"`
	SelfStarted      bool                   `json:"self_started"`
	Duration         float64                `json:"duration_s"`
	Elapsed          float64                `json:"elapsed_s"`
	Rate             float64                `json:"rate"`
	Concurrency      int                    `json:"concurrency"`
	Seed             uint64                 `json:"seed"`
	LoadAvgBefore    string                 `json:"loadavg_before,omitempty"` // /proc/loadavg: other work on the machine skews the figures
	LoadAvgAfter     string                 `json:"loadavg_after,omitempty"`
	LoadtestCPU      float64                `json:"loadtest_cpu_s"` // user + system of this process
	Requests         int                    `json:"requests"`
	AchievedRPS      float64                `json:"achieved_rps"`
	TasksScheduled   int                    `json:"tasks_scheduled"`
	TasksDropped     int                    `json:"tasks_dropped"`
	MaxSchedulerLag  float64                `json:"max_scheduler_lag_ms"`
	Latency          Latency                `json:"latency"`
	Status           map[string]int         `json:"status"`
	Errors           map[string]int         `json:"errors"`
	ErrorCount       int                    `json:"error_count"` // excludes 429 and expected after-shutdown refusals
	RateLimited429   int                    `json:"rate_limited_429"`
	ErrorExamples    map[string][]string    `json:"error_examples,omitempty"`
	Classes          map[string]ClassReport `json:"classes"`
	JourneysStarted  int                    `json:"journeys_started"`
	JourneysComplete int                    `json:"journeys_completed"`
	JourneysAborted  int                    `json:"journeys_aborted"`
	Sigterm          *SigtermReport         `json:"sigterm,omitempty"`
	Server           *ServerReport          `json:"server,omitempty"`
	Pass             bool                   `json:"pass"`
	FailReasons      []string               `json:"fail_reasons,omitempty"`
}

// fill puts the collector's numbers into r.
func (c *collector) fill(r *Report) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r.Requests = c.total
	if r.Elapsed > 0 {
		r.AchievedRPS = math.Round(float64(c.total)/r.Elapsed*10) / 10
	}
	r.Status = map[string]int{}
	r.Errors = map[string]int{}
	r.Classes = map[string]ClassReport{}
	var all []time.Duration
	for name, cs := range c.classes {
		cr := ClassReport{Requests: cs.requests, Latency: summarise(cs.latencies), Status: map[string]int{}}
		for st, n := range cs.status {
			cr.Status[strconv.Itoa(st)] += n
			r.Status[strconv.Itoa(st)] += n
		}
		if len(cs.outcomes) > 0 {
			cr.Outcomes = maps.Clone(cs.outcomes)
		}
		for o, n := range cs.outcomes {
			switch {
			case o == out429:
				r.RateLimited429 += n
			case isError(o):
				r.Errors[o] += n
				r.ErrorCount += n
			}
		}
		if !strings.HasPrefix(name, "probe.") { // the probes are slow on purpose
			all = append(all, cs.latencies...)
		}
		r.Classes[name] = cr
	}
	for _, o := range []string{outRefused, outReset, outTimeout, out5xx, out4xx, outStatus, outOther} {
		r.Errors[o] += 0
	}
	r.Latency = summarise(all)
	if len(c.examples) > 0 {
		r.ErrorExamples = map[string][]string{}
		for k, v := range c.examples {
			r.ErrorExamples[k] = slices.Clone(v)
		}
	}
	r.JourneysStarted, r.JourneysComplete, r.JourneysAborted = c.journeysStarted, c.journeysCompleted, c.journeysAborted
}

// judge decides pass/fail: any lost request, any 5xx, any unexpected error,
// or a server that did not shut down cleanly fails the run.
func (r *Report) judge() {
	if r.Errors[out5xx] > 0 {
		r.FailReasons = append(r.FailReasons, fmt.Sprintf("%d responses were 5xx", r.Errors[out5xx]))
	}
	if n := r.ErrorCount - r.Errors[out5xx]; n > 0 {
		r.FailReasons = append(r.FailReasons, fmt.Sprintf("%d requests failed unexpectedly (%s)", n, nonzero(r.Errors, out5xx)))
	}
	if s := r.Sigterm; s != nil {
		if s.Lost > 0 {
			r.FailReasons = append(r.FailReasons, fmt.Sprintf("%d of %d requests in flight at SIGTERM were lost", s.Lost, s.InFlight))
		}
		if !s.ServerExited {
			r.FailReasons = append(r.FailReasons, "the server had not exited by the end of the run after SIGTERM")
		} else if s.ServerExitCode != 0 {
			r.FailReasons = append(r.FailReasons, fmt.Sprintf("the server exited with code %d after SIGTERM", s.ServerExitCode))
		}
	}
	if sv := r.Server; sv != nil && sv.ExitedEarly && r.Sigterm == nil {
		r.FailReasons = append(r.FailReasons, "the server exited during the run without being told to")
	}
	r.Pass = len(r.FailReasons) == 0
}

func nonzero(m map[string]int, skip string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k != skip && m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// writeText prints the report for people.
func (r *Report) writeText(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("\n== load test report ==\n")
	p("target %s (self-started: %v), duration %gs (elapsed %.1fs), rate %g req/s, concurrency %d, seed %d\n",
		r.Target, r.SelfStarted, r.Duration, r.Elapsed, r.Rate, r.Concurrency, r.Seed)
	if r.LoadAvgBefore != "" {
		p("machine load average before %s, after %s\n", r.LoadAvgBefore, r.LoadAvgAfter)
	}
	p("requests %d, achieved %.1f req/s; tasks scheduled %d, dropped (no free worker) %d; max scheduler lag %.1f ms\n",
		r.Requests, r.AchievedRPS, r.TasksScheduled, r.TasksDropped, r.MaxSchedulerLag)
	p("load test's own CPU %.2fs (%.0f µs per request)\n", r.LoadtestCPU, r.LoadtestCPU/float64(max(r.Requests, 1))*1e6)
	p("latency (requests answered, probes excluded) p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", r.Latency.P50, r.Latency.P90, r.Latency.P99, r.Latency.Max)
	p("status %s\n", fmtCounts(r.Status))
	p("errors %d (%s); 429 (API rate limit, not an error) %d\n", r.ErrorCount, fmtCounts(r.Errors), r.RateLimited429)
	p("journeys started %d, completed %d, aborted %d\n", r.JourneysStarted, r.JourneysComplete, r.JourneysAborted)
	p("\n%-22s %7s %9s %9s %9s %9s  %s\n", "class", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "status / outcomes")
	for _, name := range slices.Sorted(maps.Keys(r.Classes)) {
		c := r.Classes[name]
		extra := fmtCounts(c.Status)
		if len(c.Outcomes) > 0 {
			extra += " | " + fmtCounts(c.Outcomes)
		}
		p("%-22s %7d %9.2f %9.2f %9.2f %9.2f  %s\n", name, c.Requests, c.Latency.P50, c.Latency.P90, c.Latency.P99, c.Latency.Max, extra)
	}
	if len(r.ErrorExamples) > 0 {
		p("\nexamples:\n")
		for _, k := range slices.Sorted(maps.Keys(r.ErrorExamples)) {
			for _, e := range r.ErrorExamples[k] {
				p("  %s: %s\n", k, e)
			}
		}
	}
	if s := r.Sigterm; s != nil {
		p("\nSIGTERM at %.2fs: in flight %d (of which %d slow-upload probes), lost %d\n", s.At, s.InFlight, s.InFlightProbes, s.Lost)
		for _, d := range s.LostDetails {
			p("  lost: %s\n", d)
		}
		p("  started after SIGTERM %d: still served %d, refused after shutdown %d, closed after shutdown %d\n",
			s.StartedAfter, s.ServedAfter, s.RefusedAfterShutdown, s.ClosedAfterShutdown)
		if s.ServerExited {
			p("  server exited with code %d, %.3fs after SIGTERM (logged \"stopped\": %v)\n", s.ServerExitCode, s.ShutdownSeconds, s.LoggedStopped)
		} else {
			p("  server had NOT exited by the end of the run\n")
		}
	}
	if sv := r.Server; sv != nil {
		p("\nserver %s: log lines %d, warnings %d, errors %d, logged 5xx %d, panics %d", sv.Addr, sv.LogLines, sv.LogWarnings, sv.LogErrors, sv.Logged5xx, sv.LogPanics)
		p(", CPU %.2fs (%.0f µs per request)", sv.CPUSeconds, sv.CPUSeconds/float64(max(r.Requests, 1))*1e6)
		if sv.StoppedByUs {
			p("; stopped by the load test, exit code %d after %.3fs", sv.ExitCode, sv.StopSeconds)
		}
		p("\n")
		for _, l := range sv.NotableLog {
			p("  log: %s\n", l)
		}
		if sv.StderrTail != "" {
			p("  stderr: %s\n", strings.ReplaceAll(strings.TrimSpace(sv.StderrTail), "\n", "\n          "))
		}
	}
	if r.Pass {
		p("\nPASS\n")
	} else {
		p("\nFAIL: %s\n", strings.Join(r.FailReasons, "; "))
	}
}

func fmtCounts(m map[string]int) string {
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s:%d", k, m[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
