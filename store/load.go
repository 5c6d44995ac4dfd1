package store

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// The shapes of the data files. They differ from the domain types where a file
// is easier to review in the notice's own terms (a window's inclusive "through").

type fileIncident struct {
	ID            string             `yaml:"id"`
	Notice        fileNotice         `yaml:"notice"`
	Updated       string             `yaml:"updated"`
	Title         string             `yaml:"title"`
	Organisations []fileOrganisation `yaml:"organisations"`
	Published     *fileDated         `yaml:"published"`
	PublishedNote string             `yaml:"published_note"`
	Discovered    *fileDated         `yaml:"discovered"`
	Summary       fileStatement      `yaml:"summary"`
	Sources       []fileSource       `yaml:"sources"`
	Updates       []fileEvent        `yaml:"updates"`
	Timeline      []fileEvent        `yaml:"timeline"`
	Services      []fileService      `yaml:"services"`
	Populations   []filePopulation   `yaml:"populations"`
	Counts        []fileCount        `yaml:"counts"`
	Contacts      []fileContact      `yaml:"contacts"`
	Notes         []fileNote         `yaml:"notes"`
}

type fileNotice struct {
	File          string  `yaml:"file"`
	Excerpt       bool    `yaml:"excerpt"`
	RetrievedFrom *string `yaml:"retrieved_from"`
}

type fileOrganisation struct {
	Name *string `yaml:"name"`
	Kind string  `yaml:"kind"`
}

type fileDated struct {
	Day      string `yaml:"day"`
	Quote    string `yaml:"quote"`
	Inferred string `yaml:"inferred"`
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
	At       string `yaml:"at"`
	Text     string `yaml:"text"`
	Quote    string `yaml:"quote"`
	Inferred string `yaml:"inferred"` // e.g. a year the notice leaves out
}

type fileNote struct {
	ID          string   `yaml:"id"`
	Text        string   `yaml:"text"`
	Populations []string `yaml:"populations"`
	Quote       string   `yaml:"quote"`
}

type fileActivity struct {
	ID       string `yaml:"id"`
	Kind     string `yaml:"kind"`
	Label    string `yaml:"label"`
	Question string `yaml:"question"`
}

type fileService struct {
	ID         string         `yaml:"id"`
	Name       string         `yaml:"name"`
	Kana       string         `yaml:"kana"`
	Operator   string         `yaml:"operator"`
	Aliases    []string       `yaml:"aliases"`
	Lifetime   *fileWindow    `yaml:"lifetime"`
	Activities []fileActivity `yaml:"activities"`
	Unaffected *fileStatement `yaml:"unaffected"`
}

type fileWindow struct {
	From     string   `yaml:"from"`
	Through  string   `yaml:"through"`
	Until    string   `yaml:"until"`
	Approx   []string `yaml:"approx"`
	Quote    string   `yaml:"quote"`
	Inferred string   `yaml:"inferred"`
}

type fileBreakdown struct {
	Exposed []string `yaml:"exposed"`
	Count   int      `yaml:"count"`
	Quote   string   `yaml:"quote"`
}

type fileOnlySome struct {
	Who      string `yaml:"who"`
	Criteria string `yaml:"criteria"`
	Quote    string `yaml:"quote"`
}

type filePopulation struct {
	ID          string          `yaml:"id"`
	Service     string          `yaml:"service"`
	Activities  []string        `yaml:"activities"`
	Label       string          `yaml:"label"`
	Window      *fileWindow     `yaml:"window"`
	Within      string          `yaml:"within"`
	Exposed     []string        `yaml:"exposed"`
	Certainty   string          `yaml:"certainty"`
	DisclosedTo string          `yaml:"disclosed_to"`
	MaxCount    *int            `yaml:"max_count"`
	CountKind   string          `yaml:"count_kind"`
	CountQuote  string          `yaml:"count_quote"`
	CountGroup  string          `yaml:"count_group"`
	CountNote   string          `yaml:"count_note"`
	Breakdown   []fileBreakdown `yaml:"breakdown"`
	OnlySome    *fileOnlySome   `yaml:"only_some"`
	Notes       string          `yaml:"notes"`
	Inferred    string          `yaml:"inferred"`
	Quote       string          `yaml:"quote"`
}

type fileCount struct {
	ID          string   `yaml:"id"`
	Populations []string `yaml:"populations"`
	Count       int      `yaml:"count"`
	CountKind   string   `yaml:"count_kind"`
	Label       string   `yaml:"label"`
	Quote       string   `yaml:"quote"`
}

type fileHours struct {
	Days  string `yaml:"days"`
	Open  string `yaml:"open"`
	Close string `yaml:"close"`
	Notes string `yaml:"notes"`
	Quote string `yaml:"quote"`
}

type fileContact struct {
	ID                string     `yaml:"id"`
	Kind              string     `yaml:"kind"`
	Value             string     `yaml:"value"`
	Label             string     `yaml:"label"`
	Audience          []string   `yaml:"audience"`
	Hours             *fileHours `yaml:"hours"`
	ValidFrom         string     `yaml:"valid_from"`
	ValidFromInferred string     `yaml:"valid_from_inferred"`
	ValidFromQuote    string     `yaml:"valid_from_quote"`
	ValidUntil        string     `yaml:"valid_until"`
	ValidThrough      string     `yaml:"valid_through"`
	Notes             string     `yaml:"notes"`
	Quote             string     `yaml:"quote"`
}

type fileAdvice struct {
	Class    string   `yaml:"class"`
	Label    string   `yaml:"label"`
	Group    string   `yaml:"group"`
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
	// Notices is the folder of full notice texts, Excerpts the folder of
	// excerpts (first line "source: URL"); every quote must appear in its
	// incident's text. Both empty: quotes are required but not looked up.
	Notices  string
	Excerpts string
	// Name prefixes file names in problems (e.g. "data/").
	Name string
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// noticeText is one notice as quotes are matched against it.
type noticeText struct {
	folder string
	// folded is the text as FoldQuote leaves it, without an excerpt's source line.
	folded string
	// source is an excerpt's "source:" URL; empty for a full notice.
	source string
}

// loader gathers problems across files so validate reports all of them at once.
type loader struct {
	opts     LoadOptions
	problems Problems
	notices  map[string]noticeText // file name → text; nil: not checked
	classes  map[string]Advice     // data class id → its label and advice
	file     string
	pending  []pendingProblem
	ast      *ast.File // the tree line() reads, set while placing problems
	// anchors of the file anchorsOf, built on first use.
	anchors   anchorCollector
	anchorsOf *ast.File
}

// problem records a problem at a YAML path. Its line is found at the end,
// by parsing again only the files that have problems: keeping every file's
// tree until then cost most of the loader's memory on large data.
func (l *loader) problem(yamlPath string, format string, args ...any) {
	l.pending = append(l.pending, pendingProblem{file: l.file, path: yamlPath, msg: fmt.Sprintf(format, args...)})
}

type pendingProblem struct{ file, path, msg string }

// placeProblems turns pending problems into FILE:LINE ones.
func (l *loader) placeProblems(fsys fs.FS) {
	trees := map[string]*ast.File{}
	for _, pp := range l.pending {
		af, ok := trees[pp.file]
		if !ok {
			if b, err := fs.ReadFile(fsys, strings.TrimPrefix(pp.file, l.opts.Name)); err == nil {
				af, _ = parser.ParseBytes(b, 0)
			}
			trees[pp.file] = af
		}
		l.ast = af
		l.problems = append(l.problems, Problem{File: pp.file, Line: l.line(pp.path), Message: pp.msg})
	}
	l.pending, l.ast = nil, nil
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
			node, line = l.resolve(next, line)
		case *ast.SequenceNode:
			if seg.key != "" || seg.index < 0 || seg.index >= len(n.Values) {
				return line
			}
			node = unwrap(n.Values[seg.index])
			if node != nil && node.GetToken() != nil {
				line = node.GetToken().Position.Line
			}
			node, line = l.resolve(node, line)
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

// anchorCollector finds every anchor of a file by name, so a path through an
// alias (*dl-window) leads to the anchored lines: a bad value there is then
// reported once, where it is written.
type anchorCollector map[string]*ast.AnchorNode

func (a anchorCollector) Visit(n ast.Node) ast.Visitor {
	if an, ok := n.(*ast.AnchorNode); ok && an.Name != nil {
		a[an.Name.String()] = an
	}
	return a
}

// resolve follows an alias to its anchor (and the anchor to its value),
// returning the line the value is written on.
func (l *loader) resolve(n ast.Node, line int) (ast.Node, int) {
	if al, ok := n.(*ast.AliasNode); ok && al.Value != nil {
		if l.anchorsOf != l.ast {
			l.anchors, l.anchorsOf = anchorCollector{}, l.ast
			for _, d := range l.ast.Docs {
				ast.Walk(l.anchors, d)
			}
		}
		if an, ok := l.anchors[al.Value.String()]; ok {
			if tk := an.GetToken(); tk != nil {
				line = tk.Position.Line
			}
			return unwrap(an), line
		}
	}
	return n, line
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
	if err := l.readNotices(); err != nil {
		return nil, err
	}
	cat := &Catalog{}
	files, err := fs.Glob(fsys, "incidents/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	if len(files) == 0 {
		return nil, Problems{{File: opts.Name + "incidents", Line: 0, Message: "no incident files (incidents/*.yaml)"}}
	}
	// Files are independent: parse them on every core, then check them in
	// file order.
	decoded := make([]decodedFile, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				decoded[i] = decodeIncident(fsys, opts.Name, files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var raws []fileIncident
	var names []string
	for i, d := range decoded {
		l.problems = append(l.problems, d.problems...)
		if d.ok {
			raws, names = append(raws, d.raw), append(names, opts.Name+files[i])
		}
	}
	decoded = nil
	var advice []fileAdvice
	if l.decode(fsys, "advice.yaml", &advice) {
		cat.Advice = l.advice(advice)
	}
	l.classes = map[string]Advice{}
	for _, a := range cat.Advice {
		l.classes[a.Class] = a
	}
	// Services first, so a population may name a service of another file.
	services := map[string]*Service{}
	type place struct{ file, path string }
	servicePlace := map[string]place{}
	for i, raw := range raws {
		l.file = names[i]
		for j, s := range raw.Services {
			p := fmt.Sprintf("$.services[%d]", j)
			svc := l.service(p, s, raw.ID, raw.Notice.File)
			if other, dup := servicePlace[svc.ID]; dup {
				l.problem(p+".id", "duplicate service id %q (also in %s)", svc.ID, other.file)
				continue
			}
			servicePlace[svc.ID] = place{l.file, p}
			cat.Services = append(cat.Services, svc)
		}
	}
	for i := range cat.Services {
		services[cat.Services[i].ID] = &cat.Services[i]
	}
	seen := map[string]string{}
	covered := map[string]bool{}
	for i, raw := range raws {
		l.file = names[i]
		inc := l.incident(raw, services, seen, covered)
		cat.Incidents = append(cat.Incidents, inc)
		if inc.Updated.Year > 0 && (cat.Updated.Year == 0 || inc.Updated.Time().After(cat.Updated.Time())) {
			cat.Updated = inc.Updated
		}
	}
	for _, s := range cat.Services {
		if s.Unaffected == nil && !covered[s.ID] {
			at := servicePlace[s.ID]
			l.file = at.file
			l.problem(at.path+".id", "service %q has no population in any incident and no \"unaffected\" statement", s.ID)
		}
	}
	l.placeProblems(fsys)
	if len(l.problems) > 0 {
		slices.SortStableFunc(l.problems, func(a, b Problem) int {
			if c := strings.Compare(a.File, b.File); c != 0 {
				return c
			}
			return a.Line - b.Line
		})
		// A value under a YAML anchor is checked at every alias; say it once.
		return nil, slices.Compact(l.problems)
	}
	return cat, nil
}

// decodedFile is one incident file as read, with the problems found in
// reading it (syntax, unknown keys, TODOs).
type decodedFile struct {
	raw      fileIncident
	ok       bool
	problems []Problem
}

func decodeIncident(fsys fs.FS, prefix, name string) decodedFile {
	var d decodedFile
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		d.problems = append(d.problems, Problem{File: prefix + name, Line: 0, Message: err.Error()})
		return d
	}
	if p := decodeStrict(b, prefix+name, &d.raw); p != nil {
		d.problems = append(d.problems, *p)
	} else {
		d.ok = true
	}
	d.problems = append(d.problems, todos(b, prefix+name)...)
	return d
}

// decode reads one file strictly into a value, placing a problem on the
// loader.
func (l *loader) decode(fsys fs.FS, name string, into any) bool {
	l.file = l.opts.Name + name
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		l.problems = append(l.problems, Problem{File: l.file, Line: 0, Message: err.Error()})
		return false
	}
	if p := decodeStrict(b, l.file, into); p != nil {
		l.problems = append(l.problems, *p)
		return false
	}
	return true
}

// decodeStrict decodes a file strictly (unknown keys are errors): by
// fastDecode when it can, else by parsing it once with goccy and decoding
// the tree; a syntax or type error is placed at once. The tree is not kept:
// lines are found again only for files with problems.
func decodeStrict(b []byte, file string, into any) *Problem {
	if fastDecode(b, into) {
		return nil
	}
	reflect.ValueOf(into).Elem().SetZero()
	af, err := parser.ParseBytes(b, 0)
	if err == nil && len(af.Docs) > 0 && af.Docs[0].Body != nil {
		err = yaml.NodeToValue(af.Docs[0].Body, into, yaml.DisallowUnknownField(), yaml.Strict())
	}
	if err == nil {
		return nil
	}
	line := 0
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil {
			line = tk.Position.Line
		}
	}
	return &Problem{File: file, Line: line, Message: msg}
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
