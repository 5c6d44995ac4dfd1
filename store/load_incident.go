package store

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"
)

// readNotices reads the full notices and the excerpts that quotes are
// checked against. An excerpt's first line names where it was copied from;
// it is not notice text, so no quote may rest on it.
func (l *loader) readNotices() error {
	if l.opts.Notices == "" && l.opts.Excerpts == "" {
		return nil
	}
	l.notices = map[string]noticeText{}
	for _, dir := range []string{l.opts.Notices, l.opts.Excerpts} {
		if dir == "" {
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("read notices %s: %w", dir, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
				continue // an excerpts folder's README is not a notice
			}
			b, err := os.ReadFile(path.Join(dir, e.Name()))
			if err != nil {
				return fmt.Errorf("read notice %s: %w", e.Name(), err)
			}
			text, source := string(b), ""
			if first, rest, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "source:") {
				source, text = strings.TrimSpace(strings.TrimPrefix(first, "source:")), rest
			}
			l.notices[e.Name()] = noticeText{folder: dir, folded: FoldQuote(text), source: source}
		}
	}
	return nil
}

// todos reports every line of a data file that still says TODO: a draft the
// curator has not finished must not pass validation.
func todos(b []byte, file string) []Problem {
	// Most files have none: a line scanner's buffer per file was most of
	// what validation allocated with large data.
	if !bytes.Contains(b, []byte("TODO")) {
		return nil
	}
	var out []Problem
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		// A draft's placeholder value ("TODO") is followed by its comment
		// (# TODO: …), which says what to decide: report the comment.
		if i := strings.Index(line, "# TODO"); i >= 0 {
			line = line[i+1:]
		}
		_, rest, ok := strings.Cut(line, "TODO")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":： "))
		out = append(out, Problem{File: file, Line: n, Message: strings.TrimSpace("TODO " + rest)})
	}
	return out
}

// NormaliseSpace collapses every run of white space to one space.
func NormaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// FoldQuote is the form quotes and notices are compared in: width folded
// (NFKC: full-width digits and brackets as ASCII) and without white space, so
// a quote may be wrapped and spaced differently from its notice.
func FoldQuote(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// quote checks that a fact carries words of its notice, found verbatim.
func (l *loader) quote(p, notice, q string) string {
	if strings.TrimSpace(q) == "" {
		l.problem(p, "quote: missing")
		return q
	}
	if l.notices == nil || notice == "" {
		return q
	}
	text, ok := l.notices[notice]
	if !ok {
		return q // reported once at the incident's notice field
	}
	if fq := FoldQuote(q); !strings.Contains(text.folded, fq) {
		l.problem(p, "quote not found in notice %s: %s", notice, whereDiffers(text.folded, fq))
	}
	return q
}

// whereDiffers says how far a quote matches its notice and what follows, so a
// curator sees the one character that differs instead of re-reading both.
func whereDiffers(text, quote string) string {
	q := []rune(quote)
	lo, hi := 0, len(q) // the longest prefix found is q[:lo]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if strings.Contains(text, string(q[:mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return fmt.Sprintf("not even its first character matches: %q", clip(quote))
	}
	tail := func(rs []rune, n int) string {
		if len(rs) > n {
			return "…" + string(rs[len(rs)-n:])
		}
		return string(rs)
	}
	head := func(rs []rune, n int) string {
		if len(rs) > n {
			return string(rs[:n]) + "…"
		}
		return string(rs)
	}
	matched := q[:lo]
	msg := fmt.Sprintf("matches up to 「%s」 (%d of %d characters), then the quote has 「%s」", tail(matched, 12), lo, len(q), head(q[lo:], 12))
	if at := strings.Index(text, string(matched)); at >= 0 {
		after := []rune(text[at+len(string(matched)):])
		msg += fmt.Sprintf(" where the notice has 「%s」", head(after, 12))
	}
	return msg
}

func (l *loader) missing(p, field string) { l.problem(p, "%s: missing", field) }

// inText reports whether a value (a URL, a phone number) is printed in the
// notice; true when notices are not being checked.
func (l *loader) inText(notice, value string) bool {
	if l.notices == nil {
		return true
	}
	text, ok := l.notices[notice]
	return !ok || strings.Contains(text.folded, FoldQuote(value))
}

func (l *loader) notice(raw fileNotice) NoticeRef {
	ref := NoticeRef(raw)
	if raw.File == "" {
		l.missing("$.notice.file", "notice.file")
		return ref
	}
	if raw.Excerpt && (raw.RetrievedFrom == nil || *raw.RetrievedFrom == "") {
		l.missing("$.notice.retrieved_from", "notice.retrieved_from (an excerpt names the page it was copied from)")
	}
	if !raw.Excerpt && raw.RetrievedFrom != nil {
		l.problem("$.notice.retrieved_from", "notice.retrieved_from is only for excerpts (a full notice's URL goes in sources, when printed)")
	}
	if l.notices == nil {
		return ref
	}
	text, ok := l.notices[raw.File]
	if !ok {
		l.problem("$.notice.file", "notice %q not found in %s", raw.File, strings.Trim(l.opts.Notices+" or "+l.opts.Excerpts, " or"))
		return ref
	}
	isExcerpt := text.folder == l.opts.Excerpts && l.opts.Excerpts != ""
	switch {
	case isExcerpt && !raw.Excerpt:
		l.problem("$.notice.excerpt", "%s is an excerpt (in %s): set excerpt: true", raw.File, text.folder)
	case !isExcerpt && raw.Excerpt:
		l.problem("$.notice.excerpt", "%s is a full notice (in %s): excerpt must be false", raw.File, text.folder)
	case isExcerpt && raw.RetrievedFrom != nil && *raw.RetrievedFrom != text.source:
		l.problem("$.notice.retrieved_from", "retrieved_from %q differs from the excerpt's source line %q", *raw.RetrievedFrom, text.source)
	}
	return ref
}

func (l *loader) dated(p string, raw *fileDated, notice string) *Dated {
	if raw == nil {
		return nil
	}
	pt, ok := l.point(p+".day", raw.Day)
	q := l.quote(p+".quote", notice, raw.Quote)
	if !ok {
		return nil
	}
	if pt.Unit == Minute {
		l.problem(p+".day", "give a day (YYYY-MM-DD), a month or a year, not a time")
	}
	return &Dated{Day: DayOf(pt.Start), Unit: pt.Unit, Quote: q, Inferred: raw.Inferred}
}

func (l *loader) incident(raw fileIncident, services map[string]*Service, seen map[string]string, covered map[string]bool) Incident {
	l.checkID("$.id", "incident", raw.ID, seen)
	inc := Incident{ID: raw.ID, Title: raw.Title, PublishedNote: raw.PublishedNote}
	if want := strings.TrimSuffix(path.Base(l.file), ".yaml"); raw.ID != want {
		l.problem("$.id", "incident id %q must match its file name %q", raw.ID, want)
	}
	inc.Notice = l.notice(raw.Notice)
	file := raw.Notice.File
	if raw.Title == "" {
		l.missing("$.title", "title")
	}
	if len(raw.Organisations) == 0 {
		l.missing("$.organisations", "organisations")
	}
	for i, o := range raw.Organisations {
		p := fmt.Sprintf("$.organisations[%d]", i)
		kind := OrganisationKind(o.Kind)
		if !slices.Contains(OrganisationKinds, kind) {
			l.problem(p+".kind", "unknown organisation kind %q (want company, public_body, association or unnamed)", o.Kind)
		}
		if o.Name != nil && *o.Name == "" {
			l.problem(p+".name", "organisation name is empty: write null when the text names none")
		}
		inc.Organisations = append(inc.Organisations, Organisation{Name: o.Name, Kind: kind})
	}
	if d, ok := l.day("$.updated", raw.Updated); ok {
		inc.Updated = d
	}
	inc.Published = l.dated("$.published", raw.Published, file)
	inc.Discovered = l.dated("$.discovered", raw.Discovered, file)
	if raw.Summary.Text == "" {
		l.missing("$.summary.text", "summary.text")
	}
	inc.Summary = Statement{Text: raw.Summary.Text, Quote: l.quote("$.summary.quote", file, raw.Summary.Quote)}
	inc.Sources = []Source{}
	for i, s := range raw.Sources {
		p := fmt.Sprintf("$.sources[%d]", i)
		src := Source{Title: s.Title, URL: s.URL}
		if s.Title == "" {
			l.missing(p+".title", "title")
		}
		if s.URL != nil && !l.inText(file, *s.URL) {
			l.problem(p+".url", "URL %q is not printed in notice %s (an excerpt's source line is notice.retrieved_from)", *s.URL, file)
		}
		if s.Date != nil {
			if d, ok := l.day(p+".date", *s.Date); ok {
				src.Date = &d
			}
		}
		if s.Quote != "" {
			src.Quote, src.TitleFromNotice = l.quote(p+".quote", file, s.Quote), true
		}
		inc.Sources = append(inc.Sources, src)
	}
	if len(inc.Sources) == 0 && !raw.Notice.Excerpt {
		l.missing("$.sources", "sources (at least one)")
	}
	inc.Updates = []Update{}
	for i, u := range raw.Updates {
		p := fmt.Sprintf("$.updates[%d]", i)
		l.point(p+".at", u.At)
		inc.Updates = append(inc.Updates, Update{At: u.At, Text: u.Text, Quote: l.quote(p+".quote", file, u.Quote), Inferred: u.Inferred})
	}
	inc.Timeline = []Event{}
	for i, e := range raw.Timeline {
		p := fmt.Sprintf("$.timeline[%d]", i)
		l.point(p+".at", e.At)
		inc.Timeline = append(inc.Timeline, Event{At: e.At, Text: e.Text, Quote: l.quote(p+".quote", file, e.Quote), Inferred: e.Inferred})
	}
	for i, s := range raw.Services {
		p := fmt.Sprintf("$.services[%d]", i)
		if svc, ok := services[s.ID]; ok && svc.Incident == raw.ID {
			inc.Services = append(inc.Services, *svc)
		}
		if s.Unaffected != nil {
			l.quote(p+".unaffected.quote", file, s.Unaffected.Quote)
		}
	}
	popIDs := map[string]bool{}
	for _, fp := range raw.Populations {
		popIDs[fp.ID] = true
	}
	counts := l.counts(raw, popIDs, seen)
	for i, fp := range raw.Populations {
		pop := l.population(fmt.Sprintf("$.populations[%d]", i), fp, raw, services, seen, popIDs, counts)
		covered[pop.Service] = true
		inc.Populations = append(inc.Populations, pop)
	}
	inc.Counts = counts
	for i, fc := range raw.Contacts {
		inc.Contacts = append(inc.Contacts, l.contact(fmt.Sprintf("$.contacts[%d]", i), fc, raw, services, seen))
	}
	inc.Notes = []Note{}
	for i, n := range raw.Notes {
		p := fmt.Sprintf("$.notes[%d]", i)
		l.checkID(p+".id", "note", n.ID, seen)
		if n.Text == "" {
			l.missing(p+".text", "text")
		}
		for j, pid := range n.Populations {
			if !popIDs[pid] {
				l.problem(fmt.Sprintf("%s.populations[%d]", p, j), "note names population %q, which this incident does not define", pid)
			}
		}
		inc.Notes = append(inc.Notes, Note{ID: n.ID, Text: n.Text, Populations: n.Populations, Quote: l.quote(p+".quote", file, n.Quote)})
	}
	return inc
}

func (l *loader) counts(raw fileIncident, popIDs map[string]bool, seen map[string]string) []SharedCount {
	out := []SharedCount{}
	for i, c := range raw.Counts {
		p := fmt.Sprintf("$.counts[%d]", i)
		l.checkID(p+".id", "count", c.ID, seen)
		if len(c.Populations) < 2 {
			l.problem(p+".populations", "a shared count names two or more populations (one group's count goes in its max_count)")
		}
		for j, pid := range c.Populations {
			if !popIDs[pid] {
				l.problem(fmt.Sprintf("%s.populations[%d]", p, j), "count names population %q, which this incident does not define", pid)
			}
		}
		if c.Count < 0 {
			l.problem(p+".count", "count cannot be negative")
		}
		if c.Label == "" {
			l.missing(p+".label", "label")
		}
		out = append(out, SharedCount{ID: c.ID, Populations: c.Populations, Count: c.Count,
			Kind: l.countKind(p+".count_kind", c.CountKind), Label: c.Label, Quote: l.quote(p+".quote", raw.Notice.File, c.Quote)})
	}
	return out
}

func (l *loader) countKind(p, s string) CountKind {
	if s == "" {
		return CountMax
	}
	if !slices.Contains(CountKinds, CountKind(s)) {
		l.problem(p, "unknown count_kind %q (want max, exact, at_least or about)", s)
	}
	return CountKind(s)
}

func (l *loader) service(p string, s fileService, incident, notice string) Service {
	l.checkID(p+".id", "service", s.ID, map[string]string{})
	if s.Name == "" {
		l.missing(p+".name", "name")
	}
	if len(s.Activities) == 0 {
		l.problem(p+".activities", "service %q has no activities", s.ID)
	}
	ids := map[string]bool{}
	svc := Service{ID: s.ID, Name: s.Name, Kana: s.Kana, Operator: s.Operator, Aliases: s.Aliases, Incident: incident, Activities: []Activity{}}
	for i, a := range s.Activities {
		ap := fmt.Sprintf("%s.activities[%d]", p, i)
		if !idPattern.MatchString(a.ID) {
			l.problem(ap+".id", "activity id %q must be lower-case letters, digits and single hyphens", a.ID)
		}
		if ids[a.ID] {
			l.problem(ap+".id", "duplicate activity id %q in service %q", a.ID, s.ID)
		}
		ids[a.ID] = true
		if a.Label == "" {
			l.missing(ap+".label", "label")
		}
		if a.Question == "" {
			l.missing(ap+".question", "question")
		}
		kind := ActivityKind(a.Kind)
		switch {
		case a.Kind == "":
			l.missing(ap+".kind", "kind (moment: did it at an instant; tenure: held it over a period)")
		case kind != Moment && kind != Tenure:
			l.problem(ap+".kind", "unknown activity kind %q (want moment or tenure)", a.Kind)
		}
		svc.Activities = append(svc.Activities, Activity{ID: a.ID, Kind: kind, Label: a.Label, Question: a.Question})
	}
	if svc.Aliases == nil {
		svc.Aliases = []string{}
	}
	if s.Unaffected != nil {
		svc.Unaffected = &Statement{Text: s.Unaffected.Text, Quote: s.Unaffected.Quote}
	}
	svc.Lifetime = l.window(p+".lifetime", s.Lifetime, notice)
	return svc
}

func (l *loader) window(p string, w *fileWindow, notice string) *Window {
	if w == nil {
		return nil
	}
	out := &Window{Inferred: w.Inferred}
	if w.From != "" {
		if pt, ok := l.point(p+".from", w.From); ok {
			out.From, out.FromUnit = &pt.Start, pt.Unit
		}
	}
	switch {
	case w.Through != "" && w.Until != "":
		l.problem(p+".until", "give either through (inclusive) or until (exclusive), not both")
	case w.Through != "":
		if pt, ok := l.point(p+".through", w.Through); ok {
			end := pt.End()
			out.To, out.ToUnit = &end, pt.Unit
		}
	case w.Until != "":
		if pt, ok := l.point(p+".until", w.Until); ok {
			out.To, out.ToUnit = &pt.Start, pt.Unit
		}
	}
	if w.From == "" && w.Through == "" && w.Until == "" {
		l.problem(p, "window has neither from nor through/until; leave window out when the notice states no period")
	}
	if out.From != nil && out.To != nil && !out.To.After(*out.From) {
		l.problem(p+".from", "window ends (%s) before or when it starts (%s)", out.To.Format("2006-01-02 15:04"), out.From.Format("2006-01-02 15:04"))
	}
	for i, a := range w.Approx {
		ap := fmt.Sprintf("%s.approx[%d]", p, i)
		switch a {
		case "from":
			out.FromApprox = true
			if out.From == nil {
				l.problem(ap, "approx names from, but the window has no start")
			}
		case "to":
			out.ToApprox = true
			if out.To == nil {
				l.problem(ap, "approx names to, but the window has no end")
			}
		default:
			l.problem(ap, "approx lists window edges: from or to, not %q", a)
		}
	}
	out.Quote = l.quote(p+".quote", notice, w.Quote)
	return out
}

func (l *loader) exposed(p string, cs []string) {
	if len(cs) == 0 {
		l.problem(p, "exposed: no data classes")
	}
	for i, c := range cs {
		if _, ok := l.classes[c]; !ok && l.classes != nil {
			l.problem(fmt.Sprintf("%s[%d]", p, i), "unknown data class %q (each class has an entry in advice.yaml)", c)
		}
	}
}

func (l *loader) population(p string, fp filePopulation, raw fileIncident, services map[string]*Service, seen map[string]string, popIDs map[string]bool, counts []SharedCount) Population {
	file := raw.Notice.File
	l.checkID(p+".id", "population", fp.ID, seen)
	pop := Population{ID: fp.ID, Incident: raw.ID, Service: fp.Service, Activities: fp.Activities, Label: fp.Label,
		Exposed: fp.Exposed, Certainty: Certainty(fp.Certainty), DisclosedTo: fp.DisclosedTo, MaxCount: fp.MaxCount,
		CountNote: fp.CountNote, CountGroup: fp.CountGroup, Within: fp.Within, Inferred: fp.Inferred, Notes: fp.Notes}
	svc, ok := services[fp.Service]
	if !ok {
		l.problem(p+".service", "unknown service %q", fp.Service)
	}
	if len(fp.Activities) == 0 {
		l.missing(p+".activities", "activities")
	}
	for i, a := range fp.Activities {
		if ok {
			if _, has := svc.Activity(a); !has {
				l.problem(fmt.Sprintf("%s.activities[%d]", p, i), "activity %q is not defined for service %q", a, fp.Service)
			}
		}
	}
	if fp.Label == "" {
		l.missing(p+".label", "label")
	}
	pop.Window = l.window(p+".window", fp.Window, file)
	if fp.OnlySome != nil {
		o := fp.OnlySome
		if o.Who == "" {
			l.missing(p+".only_some.who", "only_some.who")
		}
		if o.Criteria == "" {
			l.missing(p+".only_some.criteria", "only_some.criteria")
		}
		pop.OnlySome = &OnlySome{Who: o.Who, Criteria: o.Criteria, Quote: l.quote(p+".only_some.quote", file, o.Quote)}
	}
	if fp.Within != "" && (!popIDs[fp.Within] || fp.Within == fp.ID) {
		l.problem(p+".within", "within names %q, which is not another population of this incident", fp.Within)
	}
	l.exposed(p+".exposed", fp.Exposed)
	if !slices.Contains(Certainties, pop.Certainty) {
		l.problem(p+".certainty", "unknown certainty %q (want leaked, possibly_leaked, under_investigation, disclosed_to_party or accessed_no_evidence)", fp.Certainty)
	}
	if (pop.Certainty == DisclosedToParty) != (fp.DisclosedTo != "") {
		at := p + ".disclosed_to"
		if fp.DisclosedTo == "" {
			at = p + ".certainty"
		}
		l.problem(at, "disclosed_to says whom the data reached, with certainty disclosed_to_party (and only then)")
	}
	if fp.MaxCount != nil {
		if *fp.MaxCount < 0 {
			l.problem(p+".max_count", "count cannot be negative")
		}
		pop.CountKind = l.countKind(p+".count_kind", fp.CountKind)
	} else if fp.CountKind != "" {
		l.problem(p+".count_kind", "count_kind without max_count")
	}
	if fp.CountQuote != "" {
		pop.CountQuote = l.quote(p+".count_quote", file, fp.CountQuote)
	}
	if fp.CountGroup != "" {
		i := slices.IndexFunc(counts, func(c SharedCount) bool { return c.ID == fp.CountGroup })
		if i < 0 || !slices.Contains(counts[i].Populations, fp.ID) {
			l.problem(p+".count_group", "count_group %q is not a shared count of this incident that lists %q", fp.CountGroup, fp.ID)
		}
	}
	sum := 0
	for i, b := range fp.Breakdown {
		bp := fmt.Sprintf("%s.breakdown[%d]", p, i)
		l.exposed(bp+".exposed", b.Exposed)
		sum += b.Count
		pop.Breakdown = append(pop.Breakdown, Breakdown{Exposed: b.Exposed, Count: b.Count, Quote: l.quote(bp+".quote", file, b.Quote)})
	}
	if len(fp.Breakdown) > 0 && fp.MaxCount != nil && sum != *fp.MaxCount {
		l.problem(p+".breakdown", "breakdown adds up to %d, max_count is %d", sum, *fp.MaxCount)
	}
	pop.Quote = l.quote(p+".quote", file, fp.Quote)
	return pop
}

func (l *loader) contact(p string, fc fileContact, raw fileIncident, services map[string]*Service, seen map[string]string) Contact {
	file := raw.Notice.File
	l.checkID(p+".id", "contact", fc.ID, seen)
	c := Contact{ID: fc.ID, Incident: raw.ID, Kind: fc.Kind, Value: fc.Value, Label: fc.Label, Audience: fc.Audience,
		Notes: fc.Notes, ValidFromInferred: fc.ValidFromInferred}
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
	if fc.Value != "" && !l.inText(file, fc.Value) {
		l.problem(p+".value", "%q is not printed in notice %s", fc.Value, file)
	}
	if fc.Label == "" {
		l.missing(p+".label", "label")
	}
	if len(fc.Audience) == 0 {
		l.missing(p+".audience", "audience (service.activity or press)")
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
		l.quote(p+".hours.quote", file, fc.Hours.Quote)
		c.Hours = h
	}
	if fc.ValidFrom != "" {
		if pt, ok := l.point(p+".valid_from", fc.ValidFrom); ok {
			c.ValidFrom = &pt.Start
		}
		if fc.ValidFromQuote != "" {
			c.ValidFromQuote = l.quote(p+".valid_from_quote", file, fc.ValidFromQuote)
		}
	} else if fc.ValidFromInferred != "" {
		l.problem(p+".valid_from_inferred", "valid_from_inferred without valid_from")
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
	c.Quote = l.quote(p+".quote", file, fc.Quote)
	return c
}

func (l *loader) advice(raw []fileAdvice) []Advice {
	var out []Advice
	seen := map[string]bool{}
	for i, a := range raw {
		p := fmt.Sprintf("$[%d]", i)
		if !idPattern.MatchString(strings.ReplaceAll(a.Class, "_", "-")) {
			l.problem(p+".class", "class id %q must be lower-case letters, digits and single underscores", a.Class)
		}
		if seen[a.Class] {
			l.problem(p+".class", "duplicate advice for %q", a.Class)
		}
		seen[a.Class] = true
		if a.Label == "" {
			l.missing(p+".label", "label")
		}
		group := DataGroup(a.Group)
		if !slices.Contains(DataGroups, group) {
			l.problem(p+".group", "unknown group %q (want card, login, contact, personal or other)", a.Group)
		}
		if IsCardClass(a.Class) != (group == CardData) {
			l.problem(p+".group", "class %q: card classes, and only they, are in group card", a.Class)
		}
		if a.Steps == nil {
			a.Steps = []string{}
		}
		out = append(out, Advice{Class: a.Class, Label: a.Label, Group: group, Priority: a.Priority, Steps: a.Steps})
	}
	return out
}
