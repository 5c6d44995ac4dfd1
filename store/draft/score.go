package draft

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Ratio is how many of the hand-made file's values the draft recovered.
type Ratio struct{ Got, Want int }

func (r Ratio) String() string {
	if r.Want == 0 {
		return "–"
	}
	return fmt.Sprintf("%d/%d", r.Got, r.Want)
}

func (r *Ratio) add(o Ratio) { r.Got += o.Got; r.Want += o.Want }

// Score compares a draft with the hand-made file of the same notice.
type Score struct {
	ID, Notice                                       string
	Bounds, Phones, Hours, Validity, Counts, Classes Ratio
	// False are the draft's values found nowhere in the hand-made file, by
	// kind: window bounds, phone numbers, counts, data classes.
	FalseBounds, FalsePhones, FalseCounts, FalseClasses []string
	// Missed are the hand-made file's values the draft did not recover.
	Missed []string
}

// NoticeName is the notice a hand-made file names: `notice: x.txt` (v1) or
// `notice: {file: x.txt}` (v2).
func NoticeName(hand map[string]any) string {
	switch n := hand["notice"].(type) {
	case string:
		return n
	case map[string]any:
		if f, ok := n["file"].(string); ok {
			return f
		}
	}
	return ""
}

// ScoreDraft measures the draft against the hand-made file, read generically
// so that v1 and v2 files both work.
func ScoreDraft(hand map[string]any, d *Draft) Score {
	s := Score{ID: str(hand["id"]), Notice: NoticeName(hand)}
	h := readHand(hand)
	dr := readDraft(d)
	s.Bounds = recall(h.edges, dr.edges)
	s.Phones = recall(h.phones, dr.phones)
	s.Counts = recall(h.counts, dr.counts)
	s.Classes = recall(h.classes, dr.classes)
	for _, hc := range h.contacts {
		dc, ok := dr.byPhone[hc.value]
		if hc.hours != "" {
			s.Hours.Want++
			if ok && dc.hours == hc.hours {
				s.Hours.Got++
			}
		}
		for _, v := range hc.validity {
			s.Validity.Want++
			if ok && slices.Contains(dc.validity, v) {
				s.Validity.Got++
			}
		}
	}
	for _, x := range []struct {
		kind      string
		want, got []string
	}{{"bound", h.edges, dr.edges}, {"phone", h.phones, dr.phones}, {"count", h.counts, dr.counts}, {"class", h.classes, dr.classes}} {
		for _, w := range x.want {
			if !slices.Contains(x.got, w) {
				s.Missed = append(s.Missed, x.kind+" "+w)
			}
		}
	}
	dates := h.instants
	for _, e := range dr.edges {
		if !slices.Contains(h.edges, e) && !dates[edgeInstant(e)] {
			s.FalseBounds = append(s.FalseBounds, e)
		}
	}
	for _, p := range dr.phones {
		if !slices.Contains(h.phones, p) && !h.digits[digitsOrValue(p)] {
			s.FalsePhones = append(s.FalsePhones, p)
		}
	}
	for _, c := range dr.counts {
		if !slices.Contains(h.counts, c) && !h.ints[c] {
			s.FalseCounts = append(s.FalseCounts, c)
		}
	}
	for _, c := range dr.classes {
		if !slices.Contains(h.classes, c) {
			s.FalseClasses = append(s.FalseClasses, c)
		}
	}
	return s
}

func recall(want, got []string) Ratio {
	r := Ratio{Want: len(want)}
	for _, w := range want {
		if slices.Contains(got, w) {
			r.Got++
		}
	}
	return r
}

type contactFacts struct {
	value, hours string
	validity     []string
}

// facts are the scored values of one file, in comparable form: window
// edges as instants (a `through` day ends where an `until` of the next day
// does), phones as printed, counts as decimal strings.
type facts struct {
	edges, phones, counts, classes []string
	contacts                       []contactFacts
	byPhone                        map[string]contactFacts
	instants                       map[string]bool // every date the file holds, as start and end
	ints                           map[string]bool
	digits                         map[string]bool
}

func readHand(m map[string]any) facts {
	f := facts{byPhone: map[string]contactFacts{}, instants: map[string]bool{}, ints: map[string]bool{}, digits: map[string]bool{}}
	for _, p := range maps(m["populations"]) {
		if w, ok := p["window"].(map[string]any); ok {
			f.edges = addAll(f.edges, windowEdges(str(w["from"]), str(w["through"]), str(w["until"]))...)
		}
		f.counts = addAll(f.counts, intStr(p["max_count"]))
		for _, b := range maps(p["breakdown"]) {
			f.counts = addAll(f.counts, intStr(b["count"]))
			f.classes = addAll(f.classes, strs(b["exposed"])...)
		}
		f.classes = addAll(f.classes, strs(p["exposed"])...)
	}
	for _, c := range maps(m["counts"]) {
		f.counts = addAll(f.counts, intStr(c["count"]))
	}
	for _, c := range maps(m["contacts"]) {
		if str(c["kind"]) != "phone" {
			continue
		}
		cf := contactFacts{value: str(c["value"]), hours: hoursKey(c["hours"]), validity: validityEdges(c)}
		f.phones = addAll(f.phones, cf.value)
		f.contacts = append(f.contacts, cf)
	}
	walk(m, func(v any) {
		switch x := v.(type) {
		case string:
			if a, b, ok := pointRange(x); ok {
				f.instants[a], f.instants[b] = true, true
			}
			if d := digitsOrValue(x); d != x {
				f.digits[d] = true
			}
		case uint64, int64, int, float64:
			f.ints[intStr(x)] = true
		}
	})
	return f
}

func readDraft(d *Draft) facts {
	f := facts{byPhone: map[string]contactFacts{}}
	for _, p := range d.Populations {
		if w := p.Window; w != nil {
			from, to := w.FromPoint(), w.ToPoint()
			if w.Until {
				f.edges = addAll(f.edges, windowEdges(from, "", to)...)
			} else {
				f.edges = addAll(f.edges, windowEdges(from, to, "")...)
			}
		}
		if p.MaxCount > 0 {
			f.counts = addAll(f.counts, strconv.Itoa(p.MaxCount))
		}
		for _, b := range p.Breakdown {
			f.counts = addAll(f.counts, strconv.Itoa(b.Count))
		}
		f.classes = addAll(f.classes, p.Exposed...)
	}
	for _, c := range d.Contacts {
		if c.Kind != "phone" {
			continue
		}
		cf := contactFacts{value: c.Value, validity: validityEdges(map[string]any{
			"valid_from": c.ValidFrom, "valid_until": c.ValidUntil, "valid_through": c.ValidThrough})}
		if h := c.Hours; h != nil {
			cf.hours = h.Days + " " + h.Open + "-" + h.Close
		}
		f.phones = addAll(f.phones, c.Value)
		f.byPhone[c.Value] = cf
	}
	return f
}

func hoursKey(v any) string {
	h, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	return str(h["days"]) + " " + str(h["open"]) + "-" + str(h["close"])
}

func validityEdges(c map[string]any) []string {
	return windowEdges(str(c["valid_from"]), str(c["valid_through"]), str(c["valid_until"]))
}

// windowEdges turns a window's bounds into comparable edges.
func windowEdges(from, through, until string) []string {
	var out []string
	if a, _, ok := pointRange(from); ok {
		out = append(out, "from "+a)
	}
	if _, b, ok := pointRange(through); ok {
		out = append(out, "to "+b)
	}
	if a, _, ok := pointRange(until); ok {
		out = append(out, "to "+a)
	}
	return out
}

func edgeInstant(e string) string {
	_, v, _ := strings.Cut(e, " ")
	return v
}

// pointRange is the start and exclusive end of a point (YYYY, YYYY-MM,
// YYYY-MM-DD, YYYY-MM-DDTHH:MM) as minute instants.
func pointRange(p string) (string, string, bool) {
	layouts := []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01-02T15:04", func(t time.Time) time.Time { return t.Add(time.Minute) }},
	}
	for _, l := range layouts {
		if len(p) != len(l.layout) {
			continue
		}
		t, err := time.Parse(l.layout, p)
		if err != nil {
			return "", "", false
		}
		const out = "2006-01-02T15:04"
		return t.Format(out), l.next(t).Format(out), true
	}
	return "", "", false
}

func walk(v any, f func(any)) {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			walk(e, f)
		}
	case []any:
		for _, e := range x {
			walk(e, f)
		}
	default:
		f(v)
	}
}

func maps(v any) []map[string]any {
	var out []map[string]any
	l, _ := v.([]any)
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func strs(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func intStr(v any) string {
	switch x := v.(type) {
	case uint64:
		return strconv.FormatUint(x, 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func addAll(to []string, xs ...string) []string {
	for _, x := range xs {
		if x != "" && !slices.Contains(to, x) {
			to = append(to, x)
		}
	}
	return to
}

// WriteTable prints the scores as a markdown table with a total row.
func WriteTable(w io.Writer, scores []Score) error {
	sort.SliceStable(scores, func(i, j int) bool { return scores[i].ID < scores[j].ID })
	var b strings.Builder
	b.WriteString("| incident | notice | window bounds | phones | +hours | +validity | counts | data classes | false (bounds/phones/counts/classes) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	var tot Score
	var fb, fp, fc, fx int
	for _, s := range scores {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %d/%d/%d/%d |\n", s.ID, s.Notice, s.Bounds, s.Phones, s.Hours, s.Validity, s.Counts, s.Classes,
			len(s.FalseBounds), len(s.FalsePhones), len(s.FalseCounts), len(s.FalseClasses))
		tot.Bounds.add(s.Bounds)
		tot.Phones.add(s.Phones)
		tot.Hours.add(s.Hours)
		tot.Validity.add(s.Validity)
		tot.Counts.add(s.Counts)
		tot.Classes.add(s.Classes)
		fb, fp, fc, fx = fb+len(s.FalseBounds), fp+len(s.FalsePhones), fc+len(s.FalseCounts), fx+len(s.FalseClasses)
	}
	fmt.Fprintf(&b, "| **total** | | %s (%s) | %s (%s) | %s | %s | %s (%s) | %s (%s) | %d/%d/%d/%d |\n",
		tot.Bounds, pct(tot.Bounds), tot.Phones, pct(tot.Phones), tot.Hours, tot.Validity, tot.Counts, pct(tot.Counts), tot.Classes, pct(tot.Classes), fb, fp, fc, fx)
	_, err := io.WriteString(w, b.String())
	return err
}

func pct(r Ratio) string {
	if r.Want == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(r.Got)/float64(r.Want))
}

// WriteMisses lists what each draft missed or added, for the curator of the
// tool rather than of the data.
func WriteMisses(w io.Writer, scores []Score) error {
	var b strings.Builder
	for _, s := range scores {
		f := [][2]any{{"missed", s.Missed}, {"false bounds", s.FalseBounds}, {"false phones", s.FalsePhones}, {"false counts", s.FalseCounts}, {"false classes", s.FalseClasses}}
		for _, x := range f {
			if l := x[1].([]string); len(l) > 0 {
				fmt.Fprintf(&b, "- %s %s: %s\n", s.ID, x[0], strings.Join(l, ", "))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
