package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/nyaruka/phonenumbers"
)

// The shapes of the data files. They differ from the domain types where a file
// is easier to review in the notice's own terms (a window's inclusive "through").

type fileIncident struct {
	ID            string           `yaml:"id"`
	Notice        string           `yaml:"notice"`
	Updated       string           `yaml:"updated"`
	Title         string           `yaml:"title"`
	Organisations []string         `yaml:"organisations"`
	Published     fileDated        `yaml:"published"`
	PublishedNote string           `yaml:"published_note"`
	Discovered    *fileDated       `yaml:"discovered"`
	Summary       fileStatement    `yaml:"summary"`
	Sources       []fileSource     `yaml:"sources"`
	Updates       []fileEvent      `yaml:"updates"`
	Timeline      []fileEvent      `yaml:"timeline"`
	Services      []fileService    `yaml:"services"`
	Populations   []filePopulation `yaml:"populations"`
	Contacts      []fileContact    `yaml:"contacts"`
	Notes         []fileNote       `yaml:"notes"`
}

type fileDated struct {
	Day   string `yaml:"day"`
	Quote string `yaml:"quote"`
}

type fileStatement struct {
	Text  string `yaml:"text"`
	Quote string `yaml:"quote"`
}

type fileSource struct {
	Title string  `yaml:"title"`
	URL   *string `yaml:"url"`
	Date  *string `yaml:"date"`
	Quote string  `yaml:"quote"`
}

type fileEvent struct {
	At    string `yaml:"at"`
	Text  string `yaml:"text"`
	Quote string `yaml:"quote"`
}

type fileNote struct {
	ID    string `yaml:"id"`
	Text  string `yaml:"text"`
	Quote string `yaml:"quote"`
}

type fileService struct {
	ID         string         `yaml:"id"`
	Name       string         `yaml:"name"`
	Kana       string         `yaml:"kana"`
	Operator   string         `yaml:"operator"`
	Aliases    []string       `yaml:"aliases"`
	Activities []Activity     `yaml:"activities"`
	Unaffected *fileStatement `yaml:"unaffected"`
}

type fileWindow struct {
	From    string `yaml:"from"`
	Through string `yaml:"through"`
	Until   string `yaml:"until"`
	Quote   string `yaml:"quote"`
}

type fileBreakdown struct {
	Exposed []string `yaml:"exposed"`
	Count   int      `yaml:"count"`
	Quote   string   `yaml:"quote"`
}

type filePopulation struct {
	ID         string          `yaml:"id"`
	Service    string          `yaml:"service"`
	Activities []string        `yaml:"activities"`
	Label      string          `yaml:"label"`
	Window     *fileWindow     `yaml:"window"`
	Exposed    []string        `yaml:"exposed"`
	Certainty  string          `yaml:"certainty"`
	MaxCount   *int            `yaml:"max_count"`
	CountNote  string          `yaml:"count_note"`
	Breakdown  []fileBreakdown `yaml:"breakdown"`
	Decider    string          `yaml:"decider"`
	Notes      string          `yaml:"notes"`
	Quote      string          `yaml:"quote"`
}

type fileHours struct {
	Days  string `yaml:"days"`
	Open  string `yaml:"open"`
	Close string `yaml:"close"`
	Notes string `yaml:"notes"`
	Quote string `yaml:"quote"`
}

type fileContact struct {
	ID           string     `yaml:"id"`
	Kind         string     `yaml:"kind"`
	Value        string     `yaml:"value"`
	Label        string     `yaml:"label"`
	Audience     []string   `yaml:"audience"`
	Hours        *fileHours `yaml:"hours"`
	ValidFrom    string     `yaml:"valid_from"`
	ValidUntil   string     `yaml:"valid_until"`
	ValidThrough string     `yaml:"valid_through"`
	Notes        string     `yaml:"notes"`
	Quote        string     `yaml:"quote"`
}

type fileAdvice struct {
	Class    string   `yaml:"class"`
	Label    string   `yaml:"label"`
	Priority int      `yaml:"priority"`
	Steps    []string `yaml:"steps"`
}

// Problem is one thing wrong in a data file, located at FILE:LINE.
type Problem struct {
	File    string
	Line    int
	Message string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// Problems is the error Load returns when the data is invalid.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Catalog is the whole curated data set, validated.
type Catalog struct {
	Incidents []Incident
	Services  []Service // in file order
	Advice    []Advice
	Updated   Day // the newest "updated" of any incident file
}

// LoadOptions says where the data and the notices are.
type LoadOptions struct {
	// Notices is the folder of notice texts that every quote must appear in.
	// Empty: quotes are required but not looked up.
	Notices string
	// Name prefixes file names in problems (e.g. "data/").
	Name string
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// loader gathers problems across files so validate reports all of them at once.
type loader struct {
	opts     LoadOptions
	problems Problems
	notices  map[string]string // file name → normalised text
	file     string
	ast      *ast.File
}

func (l *loader) problem(yamlPath string, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: l.file, Line: l.line(yamlPath), Message: fmt.Sprintf(format, args...)})
}

// line finds the line of a YAML path ("$.populations[0].window.through"),
// or of the deepest part of it that exists. It walks the AST itself because
// anchors (&window) hide their children from goccy's path filter.
func (l *loader) line(yamlPath string) int {
	if l.ast == nil || len(l.ast.Docs) == 0 {
		return 1
	}
	node := unwrap(l.ast.Docs[0].Body)
	line := 1
	if node != nil && node.GetToken() != nil {
		line = node.GetToken().Position.Line
	}
	for _, seg := range pathSegments(yamlPath) {
		switch n := node.(type) {
		case *ast.MappingNode:
			var next ast.Node
			for _, mv := range n.Values {
				if mv.Key != nil && mv.Key.String() == seg.key && seg.key != "" {
					line = mv.Key.GetToken().Position.Line
					next = unwrap(mv.Value)
					break
				}
			}
			if next == nil {
				return line
			}
			node = next
		case *ast.SequenceNode:
			if seg.key != "" || seg.index < 0 || seg.index >= len(n.Values) {
				return line
			}
			node = unwrap(n.Values[seg.index])
			if node != nil && node.GetToken() != nil {
				line = node.GetToken().Position.Line
			}
		default:
			return line
		}
		if node == nil {
			return line
		}
	}
	if _, isScalar := node.(ast.ScalarNode); isScalar && node.GetToken() != nil {
		line = node.GetToken().Position.Line
	}
	return line
}

// unwrap sees through an anchor to the node it names.
func unwrap(n ast.Node) ast.Node {
	for {
		a, ok := n.(*ast.AnchorNode)
		if !ok {
			return n
		}
		n = a.Value
	}
}

type pathSegment struct {
	key   string
	index int
}

// pathSegments splits "$.a[0].b" into a, [0], b.
func pathSegments(p string) []pathSegment {
	var out []pathSegment
	p = strings.TrimPrefix(p, "$")
	for p != "" {
		switch p[0] {
		case '.':
			p = p[1:]
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			out = append(out, pathSegment{key: p[:end], index: -1})
			p = p[end:]
		case '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return out
			}
			n, _ := strconv.Atoi(p[1:end])
			out = append(out, pathSegment{index: n})
			p = p[end+1:]
		default:
			return out
		}
	}
	return out
}

// Load reads and validates a data folder laid out like data/: incidents/*.yaml
// and advice.yaml. Any problem makes it return Problems naming FILE:LINE.
func Load(fsys fs.FS, opts LoadOptions) (*Catalog, error) {
	l := &loader{opts: opts}
	if opts.Notices != "" {
		l.notices = map[string]string{}
		entries, err := os.ReadDir(opts.Notices)
		if err != nil {
			return nil, fmt.Errorf("read notices %s: %w", opts.Notices, err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(path.Join(opts.Notices, e.Name()))
			if err != nil {
				return nil, fmt.Errorf("read notice %s: %w", e.Name(), err)
			}
			l.notices[e.Name()] = NormaliseSpace(string(b))
		}
	}
	cat := &Catalog{}
	files, err := fs.Glob(fsys, "incidents/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	if len(files) == 0 {
		return nil, Problems{{File: opts.Name + "incidents", Line: 0, Message: "no incident files (incidents/*.yaml)"}}
	}
	var raws []fileIncident
	var asts []*ast.File
	var names []string
	for _, f := range files {
		var raw fileIncident
		af, ok := l.decode(fsys, f, &raw)
		if !ok {
			continue
		}
		raws, asts, names = append(raws, raw), append(asts, af), append(names, opts.Name+f)
	}
	var advice []fileAdvice
	if _, ok := l.decode(fsys, "advice.yaml", &advice); ok {
		cat.Advice = l.advice(advice)
	}
	// Services first, so a population may name a service of another file.
	services := map[string]*Service{}
	type place struct {
		file, path string
		ast        *ast.File
	}
	servicePlace := map[string]place{}
	for i, raw := range raws {
		l.file, l.ast = names[i], asts[i]
		for j, s := range raw.Services {
			p := fmt.Sprintf("$.services[%d]", j)
			svc := l.service(p, s, raw.ID)
			if other, dup := servicePlace[svc.ID]; dup {
				l.problem(p+".id", "duplicate service id %q (also in %s)", svc.ID, other.file)
				continue
			}
			servicePlace[svc.ID] = place{l.file, p, l.ast}
			cat.Services = append(cat.Services, svc)
			services[svc.ID] = &cat.Services[len(cat.Services)-1]
		}
	}
	seen := map[string]string{}
	covered := map[string]bool{}
	for i, raw := range raws {
		l.file, l.ast = names[i], asts[i]
		inc := l.incident(raw, services, seen, covered)
		cat.Incidents = append(cat.Incidents, inc)
		if inc.Updated.Year > 0 && (cat.Updated.Year == 0 || inc.Updated.Time().After(cat.Updated.Time())) {
			cat.Updated = inc.Updated
		}
	}
	for _, s := range cat.Services {
		if s.Unaffected == nil && !covered[s.ID] {
			at := servicePlace[s.ID]
			l.file, l.ast = at.file, at.ast
			l.problem(at.path+".id", "service %q has no population in any incident and no \"unaffected\" statement", s.ID)
		}
	}
	if len(l.problems) > 0 {
		slices.SortStableFunc(l.problems, func(a, b Problem) int {
			if c := strings.Compare(a.File, b.File); c != 0 {
				return c
			}
			return a.Line - b.Line
		})
		return nil, l.problems
	}
	return cat, nil
}

// decode parses one file strictly (unknown keys are errors) and keeps its AST
// for line numbers.
func (l *loader) decode(fsys fs.FS, name string, into any) (*ast.File, bool) {
	l.file, l.ast = l.opts.Name+name, nil
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		l.problems = append(l.problems, Problem{File: l.file, Line: 0, Message: err.Error()})
		return nil, false
	}
	af, err := parser.ParseBytes(b, 0)
	if err == nil {
		err = yaml.UnmarshalWithOptions(b, into, yaml.DisallowUnknownField(), yaml.Strict())
	}
	if err != nil {
		line := 0
		msg := err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil {
				line = tk.Position.Line
			}
		}
		l.problems = append(l.problems, Problem{File: l.file, Line: line, Message: msg})
		return nil, false
	}
	l.ast = af
	return af, true
}

func (l *loader) checkID(p, kind, id string, seen map[string]string) {
	if !idPattern.MatchString(id) {
		l.problem(p, "%s id %q must be lower-case letters, digits and single hyphens", kind, id)
		return
	}
	key := kind + ":" + id
	if other, dup := seen[key]; dup {
		l.problem(p, "duplicate %s id %q (also in %s)", kind, id, other)
		return
	}
	seen[key] = l.file
}

// quote checks that a fact carries words of its notice, found verbatim.
func (l *loader) quote(p, notice, q string) string {
	if strings.TrimSpace(q) == "" {
		l.problem(p, "quote is missing")
		return q
	}
	if l.notices == nil || notice == "" {
		return q
	}
	text, ok := l.notices[notice]
	if !ok {
		return q // reported once at the incident's notice field
	}
	if !strings.Contains(text, NormaliseSpace(q)) {
		l.problem(p, "quote not found in notice %s: %q", notice, clip(q))
	}
	return q
}

// NormaliseSpace collapses every run of white space to one space, so quotes
// may be wrapped differently from the notice.
func NormaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func (l *loader) day(p, s string) (Day, bool) {
	d, err := ParseDay(s)
	if err != nil {
		l.problem(p, "bad date %q: %s", s, err.(*PointError).Reason)
		return Day{}, false
	}
	return d, true
}

func (l *loader) point(p, s string) (Point, bool) {
	pt, err := ParsePoint(s)
	if err != nil {
		l.problem(p, "bad date %q: %s", s, err.(*PointError).Reason)
		return Point{}, false
	}
	return pt, true
}

func (l *loader) incident(raw fileIncident, services map[string]*Service, seen map[string]string, covered map[string]bool) Incident {
	l.checkID("$.id", "incident", raw.ID, seen)
	inc := Incident{ID: raw.ID, Notice: raw.Notice, Title: raw.Title, Organisations: raw.Organisations, PublishedNote: raw.PublishedNote}
	if want := strings.TrimSuffix(path.Base(l.file), ".yaml"); raw.ID != want {
		l.problem("$.id", "incident id %q must match its file name %q", raw.ID, want)
	}
	if raw.Notice == "" {
		l.problem("$.notice", "notice file name is missing")
	} else if l.notices != nil {
		if _, ok := l.notices[raw.Notice]; !ok {
			l.problem("$.notice", "notice %q not found in %s", raw.Notice, l.opts.Notices)
		}
	}
	if raw.Title == "" {
		l.problem("$.title", "title is missing")
	}
	if len(raw.Organisations) == 0 {
		l.problem("$.organisations", "organisations are missing")
	}
	if d, ok := l.day("$.updated", raw.Updated); ok {
		inc.Updated = d
	}
	if d, ok := l.day("$.published.day", raw.Published.Day); ok {
		inc.Published = d
	}
	l.quote("$.published.quote", raw.Notice, raw.Published.Quote)
	if raw.Discovered != nil {
		if d, ok := l.day("$.discovered.day", raw.Discovered.Day); ok {
			inc.Discovered = &Dated{Day: d, Quote: l.quote("$.discovered.quote", raw.Notice, raw.Discovered.Quote)}
		}
	}
	if raw.Summary.Text == "" {
		l.problem("$.summary", "summary text is missing")
	}
	inc.Summary = Statement{Text: raw.Summary.Text, Quote: l.quote("$.summary.quote", raw.Notice, raw.Summary.Quote)}
	for i, s := range raw.Sources {
		p := fmt.Sprintf("$.sources[%d]", i)
		src := Source{Title: s.Title, URL: s.URL}
		if s.Title == "" {
			l.problem(p+".title", "source title is missing")
		}
		if s.URL != nil && l.notices != nil && !strings.Contains(l.notices[raw.Notice], *s.URL) {
			l.problem(p+".url", "URL %q does not appear in notice %s", *s.URL, raw.Notice)
		}
		if s.Date != nil {
			if d, ok := l.day(p+".date", *s.Date); ok {
				src.Date = &d
			}
		}
		if s.Quote != "" {
			src.Quote = l.quote(p+".quote", raw.Notice, s.Quote)
		}
		inc.Sources = append(inc.Sources, src)
	}
	if len(inc.Sources) == 0 {
		l.problem("$.sources", "at least one source is needed")
	}
	inc.Updates = []Update{}
	for i, u := range raw.Updates {
		p := fmt.Sprintf("$.updates[%d]", i)
		l.point(p+".at", u.At)
		inc.Updates = append(inc.Updates, Update{At: u.At, Text: u.Text, Quote: l.quote(p+".quote", raw.Notice, u.Quote)})
	}
	for i, e := range raw.Timeline {
		p := fmt.Sprintf("$.timeline[%d]", i)
		l.point(p+".at", e.At)
		inc.Timeline = append(inc.Timeline, Event{At: e.At, Text: e.Text, Quote: l.quote(p+".quote", raw.Notice, e.Quote)})
	}
	for i, s := range raw.Services {
		if svc, ok := services[s.ID]; ok && svc.Incident == raw.ID {
			inc.Services = append(inc.Services, *svc)
		}
		if s.Unaffected != nil {
			l.quote(fmt.Sprintf("$.services[%d].unaffected.quote", i), raw.Notice, s.Unaffected.Quote)
		}
	}
	for i, fp := range raw.Populations {
		pop := l.population(fmt.Sprintf("$.populations[%d]", i), fp, raw, services, seen)
		covered[pop.Service] = true
		inc.Populations = append(inc.Populations, pop)
	}
	for i, fc := range raw.Contacts {
		inc.Contacts = append(inc.Contacts, l.contact(fmt.Sprintf("$.contacts[%d]", i), fc, raw, services, seen))
	}
	inc.Notes = []Note{}
	for i, n := range raw.Notes {
		p := fmt.Sprintf("$.notes[%d]", i)
		l.checkID(p+".id", "note", n.ID, seen)
		if n.Text == "" {
			l.problem(p+".text", "note text is missing")
		}
		inc.Notes = append(inc.Notes, Note{ID: n.ID, Text: n.Text, Quote: l.quote(p+".quote", raw.Notice, n.Quote)})
	}
	return inc
}

func (l *loader) service(p string, s fileService, incident string) Service {
	l.checkID(p+".id", "service", s.ID, map[string]string{})
	if s.Name == "" {
		l.problem(p+".name", "service name is missing")
	}
	if len(s.Activities) == 0 {
		l.problem(p+".activities", "service %q has no activities", s.ID)
	}
	ids := map[string]bool{}
	for i, a := range s.Activities {
		ap := fmt.Sprintf("%s.activities[%d]", p, i)
		if !idPattern.MatchString(a.ID) {
			l.problem(ap+".id", "activity id %q must be lower-case letters, digits and single hyphens", a.ID)
		}
		if ids[a.ID] {
			l.problem(ap+".id", "duplicate activity id %q in service %q", a.ID, s.ID)
		}
		ids[a.ID] = true
		if a.Label == "" || a.Question == "" {
			l.problem(ap, "activity %q needs a label and a question", a.ID)
		}
	}
	svc := Service{ID: s.ID, Name: s.Name, Kana: s.Kana, Operator: s.Operator, Aliases: s.Aliases, Activities: s.Activities, Incident: incident}
	if svc.Aliases == nil {
		svc.Aliases = []string{}
	}
	if s.Unaffected != nil {
		svc.Unaffected = &Statement{Text: s.Unaffected.Text, Quote: s.Unaffected.Quote}
	}
	return svc
}

func (l *loader) window(p string, w *fileWindow, notice string) *Window {
	if w == nil {
		return nil
	}
	out := &Window{}
	if w.From != "" {
		if pt, ok := l.point(p+".from", w.From); ok {
			out.From = &pt.Start
		}
	}
	switch {
	case w.Through != "" && w.Until != "":
		l.problem(p+".until", "give either through (inclusive) or until (exclusive), not both")
	case w.Through != "":
		if pt, ok := l.point(p+".through", w.Through); ok {
			end := pt.End()
			out.To = &end
		}
	case w.Until != "":
		if pt, ok := l.point(p+".until", w.Until); ok {
			out.To = &pt.Start
		}
	}
	if w.From == "" && w.Through == "" && w.Until == "" {
		l.problem(p, "window has neither from nor through/until; leave window out when the notice states no period")
	}
	if out.From != nil && out.To != nil && !out.To.After(*out.From) {
		l.problem(p+".from", "window ends (%s) before or when it starts (%s)", out.To.Format(time.DateTime), out.From.Format(time.DateTime))
	}
	l.quote(p+".quote", notice, w.Quote)
	return out
}

func (l *loader) classes(p string, cs []string) {
	if len(cs) == 0 {
		l.problem(p, "no data classes")
	}
	for i, c := range cs {
		if !slices.Contains(DataClasses, c) {
			l.problem(fmt.Sprintf("%s[%d]", p, i), "unknown data class %q", c)
		}
	}
}

func (l *loader) population(p string, fp filePopulation, raw fileIncident, services map[string]*Service, seen map[string]string) Population {
	l.checkID(p+".id", "population", fp.ID, seen)
	pop := Population{ID: fp.ID, Incident: raw.ID, Service: fp.Service, Activities: fp.Activities, Label: fp.Label,
		Exposed: fp.Exposed, Certainty: Certainty(fp.Certainty), MaxCount: fp.MaxCount, CountNote: fp.CountNote,
		Decider: fp.Decider, Notes: fp.Notes}
	svc, ok := services[fp.Service]
	if !ok {
		l.problem(p+".service", "unknown service %q", fp.Service)
	}
	if len(fp.Activities) == 0 {
		l.problem(p+".activities", "population names no activity")
	}
	for i, a := range fp.Activities {
		if ok {
			if _, has := svc.Activity(a); !has {
				l.problem(fmt.Sprintf("%s.activities[%d]", p, i), "activity %q is not defined for service %q", a, fp.Service)
			}
		}
	}
	if fp.Label == "" {
		l.problem(p+".label", "population label is missing")
	}
	pop.Window = l.window(p+".window", fp.Window, raw.Notice)
	if pop.Window == nil && fp.Decider == "" {
		l.problem(p, "a population without a window needs a decider (who tells people whether they are affected)")
	}
	l.classes(p+".exposed", fp.Exposed)
	if !slices.Contains(Certainties, pop.Certainty) {
		l.problem(p+".certainty", "unknown certainty %q (want leaked, possibly_leaked or accessed_no_evidence)", fp.Certainty)
	}
	if fp.MaxCount != nil && *fp.MaxCount < 0 {
		l.problem(p+".max_count", "count cannot be negative")
	}
	sum := 0
	for i, b := range fp.Breakdown {
		bp := fmt.Sprintf("%s.breakdown[%d]", p, i)
		l.classes(bp+".exposed", b.Exposed)
		sum += b.Count
		pop.Breakdown = append(pop.Breakdown, Breakdown{Exposed: b.Exposed, Count: b.Count, Quote: l.quote(bp+".quote", raw.Notice, b.Quote)})
	}
	if len(fp.Breakdown) > 0 && fp.MaxCount != nil && sum != *fp.MaxCount {
		l.problem(p+".breakdown", "breakdown adds up to %d, max_count is %d", sum, *fp.MaxCount)
	}
	pop.Quote = l.quote(p+".quote", raw.Notice, fp.Quote)
	return pop
}

// 24:00 is a valid closing time; 24:01 is not a time.
var clockPattern = regexp.MustCompile(`^(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24):(00))$`)

func (l *loader) clock(p, s string) Clock {
	m := clockPattern.FindStringSubmatch(s)
	if m == nil {
		l.problem(p, "bad time of day %q (want HH:MM)", s)
		return 0
	}
	hh, mins := m[1], m[2]
	if m[3] != "" {
		hh, mins = m[3], m[4]
	}
	h, _ := strconv.Atoi(hh)
	mm, _ := strconv.Atoi(mins)
	return Clock(h*60 + mm)
}

func (l *loader) contact(p string, fc fileContact, raw fileIncident, services map[string]*Service, seen map[string]string) Contact {
	l.checkID(p+".id", "contact", fc.ID, seen)
	c := Contact{ID: fc.ID, Incident: raw.ID, Kind: fc.Kind, Value: fc.Value, Label: fc.Label, Audience: fc.Audience, Notes: fc.Notes}
	switch fc.Kind {
	case "phone":
		if _, err := phonenumbers.Parse(fc.Value, "JP"); err != nil || PhoneDigits(fc.Value) == "" {
			l.problem(p+".value", "not a Japanese phone number: %q", fc.Value)
		}
	case "email":
		if !strings.Contains(fc.Value, "@") {
			l.problem(p+".value", "not an email address: %q", fc.Value)
		}
	case "web":
		if !strings.HasPrefix(fc.Value, "https://") && !strings.HasPrefix(fc.Value, "http://") {
			l.problem(p+".value", "not a web address: %q", fc.Value)
		}
	default:
		l.problem(p+".kind", "unknown contact kind %q (want phone, email or web)", fc.Kind)
	}
	if fc.Value != "" && l.notices != nil && !strings.Contains(l.notices[raw.Notice], fc.Value) {
		l.problem(p+".value", "%q does not appear in notice %s", fc.Value, raw.Notice)
	}
	if fc.Label == "" {
		l.problem(p+".label", "contact label is missing")
	}
	if len(fc.Audience) == 0 {
		l.problem(p+".audience", "contact has no audience (service.activity or press)")
	}
	for i, a := range fc.Audience {
		if a == "press" {
			continue
		}
		sid, aid, _ := strings.Cut(a, ".")
		svc, ok := services[sid]
		if !ok {
			l.problem(fmt.Sprintf("%s.audience[%d]", p, i), "audience %q: unknown service %q", a, sid)
			continue
		}
		if _, ok := svc.Activity(aid); !ok {
			l.problem(fmt.Sprintf("%s.audience[%d]", p, i), "audience %q: activity %q is not defined for service %q", a, aid, sid)
		}
	}
	if fc.Hours != nil {
		h := &Hours{Days: Days(fc.Hours.Days), Notes: fc.Hours.Notes}
		if h.Days != EveryDay && h.Days != Weekdays {
			l.problem(p+".hours.days", "unknown days %q (want every_day or weekdays)", fc.Hours.Days)
		}
		h.Open = l.clock(p+".hours.open", fc.Hours.Open)
		h.Close = l.clock(p+".hours.close", fc.Hours.Close)
		if h.Close <= h.Open {
			l.problem(p+".hours", "desk closes (%s) before it opens (%s)", fc.Hours.Close, fc.Hours.Open)
		}
		l.quote(p+".hours.quote", raw.Notice, fc.Hours.Quote)
		c.Hours = h
	}
	if fc.ValidFrom != "" {
		if pt, ok := l.point(p+".valid_from", fc.ValidFrom); ok {
			c.ValidFrom = &pt.Start
		}
	}
	switch {
	case fc.ValidUntil != "" && fc.ValidThrough != "":
		l.problem(p+".valid_until", "give either valid_through (inclusive) or valid_until (exclusive), not both")
	case fc.ValidUntil != "":
		if pt, ok := l.point(p+".valid_until", fc.ValidUntil); ok {
			c.ValidTo = &pt.Start
		}
	case fc.ValidThrough != "":
		if pt, ok := l.point(p+".valid_through", fc.ValidThrough); ok {
			end := pt.End()
			c.ValidTo = &end
		}
	}
	if c.ValidFrom != nil && c.ValidTo != nil && !c.ValidTo.After(*c.ValidFrom) {
		l.problem(p, "contact ends before it starts")
	}
	c.Quote = l.quote(p+".quote", raw.Notice, fc.Quote)
	return c
}

func (l *loader) advice(raw []fileAdvice) []Advice {
	var out []Advice
	seen := map[string]bool{}
	for i, a := range raw {
		p := fmt.Sprintf("$[%d]", i)
		if !slices.Contains(DataClasses, a.Class) {
			l.problem(p+".class", "unknown data class %q", a.Class)
		}
		if seen[a.Class] {
			l.problem(p+".class", "duplicate advice for %q", a.Class)
		}
		seen[a.Class] = true
		if a.Label == "" {
			l.problem(p+".label", "label is missing")
		}
		if a.Steps == nil {
			a.Steps = []string{}
		}
		out = append(out, Advice(a))
	}
	for _, c := range DataClasses {
		if !seen[c] {
			l.problems = append(l.problems, Problem{File: l.file, Line: 1, Message: fmt.Sprintf("no advice for data class %q", c)})
		}
	}
	return out
}

// PhoneDigits is the number as dialled: digits only, whatever dashes the notice used.
func PhoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
