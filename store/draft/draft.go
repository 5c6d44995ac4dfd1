package draft

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Options are what the text itself cannot tell the draft.
type Options struct {
	ID    string    // the incident id; derived from File when empty
	File  string    // the notice's file name, for notice.file
	Today time.Time // for `updated`
}

// Draft is an incident file in the making: the data format's fields, each
// with the doubts a curator must resolve.
type Draft struct {
	ID, IDDoubt   string
	File          string
	Excerpt       bool
	RetrievedFrom string
	Updated       string
	Title         string
	TitleQuote    string
	Orgs          []Org
	Published     *DatedFact
	Discovered    *DatedFact
	Summary       string
	Sources       []Source
	Updates       []Update
	Timeline      []Event
	Services      []DService
	Populations   []Population
	Contacts      []Contact
	Notes         []DNote
	Todos         []string // TODOs that belong to no field
}

// DatedFact is published/discovered: a day and its words.
type DatedFact struct {
	Day, Quote, Inferred string
	Doubt                []string
}

// Source is a page the text names: its own heading, or a URL it prints.
type Source struct {
	Title, URL, Date, Quote string
	Doubt                   []string
}

// DService is a service as the draft writes it.
type DService struct {
	ID, Name, Kana, Operator string
	Aliases                  []string
	Activities               []DActivity
	Lifetime                 *Lifetime
	Unaffected               string // quote
	Doubt                    []string
}

// DActivity is an activity candidate: the kind is a reading of the verb.
type DActivity struct{ ID, Kind, Why string }

// Population is a group of people the text says were affected.
type Population struct {
	ID           string
	Service      string
	ServiceDoubt string
	Activities   []string
	Label        string
	Window       *Window
	WindowQuote  string
	WindowWhy    string // inferred reason (a carried year)
	Within       string
	Exposed      []string
	Negated      []string
	Certainty    string
	MaxCount     int
	CountKind    string
	CountQuote   string
	OnlySome     string // quote
	Breakdown    []Breakdown
	Quote        string
	Doubt        []string
	scope        scope
	countIdx     int
	verbs        string
	absent       string
}

// Breakdown is a row of a table of counts by data items.
type Breakdown struct {
	Exposed []string
	Count   int
	Quote   string
}

// DNote is an entry of the notes list.
type DNote struct {
	ID, Quote, Why string
}

// sourceLine is an excerpt's first line: where the text was copied from.
var sourceLine = regexp.MustCompile(`^source:[ \t]*(\S+)[ \t]*$`)

// SplitSource separates an excerpt's 「source: URL」 line from its text; a
// full notice comes back whole with an empty URL.
func SplitSource(text string) (body, url string) {
	first, rest, _ := strings.Cut(text, "\n")
	if m := sourceLine.FindStringSubmatch(strings.TrimRight(first, "\r")); m != nil {
		return rest, m[1]
	}
	return text, ""
}

// Build drafts an incident from a notice's text. It never fails: odd text
// gives a draft that is mostly TODO.
func Build(text string, o Options) *Draft {
	// The command refuses bytes that are not UTF-8; a caller that passes
	// them anyway gets replacement characters rather than broken quotes.
	text = strings.ToValidUTF8(text, "\uFFFD")
	body, url := SplitSource(strings.TrimPrefix(text, "\uFEFF"))
	t := NewText(body)
	d := &Draft{File: path.Base(o.File), Excerpt: url != "", RetrievedFrom: url, Updated: o.Today.Format("2006-01-02")}
	x := analyse(t)
	d.ID, d.IDDoubt = incidentID(o, x.pub)
	d.fillHeader(t, x)
	d.Contacts = x.contacts
	d.Updates = x.updates
	pub := ""
	if d.Published != nil {
		pub = d.Published.Day
	}
	d.Updates = append(d.Updates, undatedCorrections(t, x.updates, pub)...)
	d.Timeline = x.timeline
	d.Populations = buildPopulations(t, x, d.ID)
	d.fillServices(t, x)
	d.fillNotes(t, x)
	return d
}

// analysis is everything the parsers read from one text.
type analysis struct {
	urls, skip []span
	dates      []Date
	pub        *Date
	pubQuote   string
	pubDoubt   []string
	windows    []Window
	counts     []Count
	levels     []int
	contacts   []Contact
	lines      map[int]bool // lines holding a contact
	phoneLines map[int]bool // lines holding a phone number: where desk blocks end
	updates    []Update
	timeline   []Event
	statements []Statement
	orgs       []Org
	services   []Service
}

func analyse(t *Text) *analysis {
	x := &analysis{urls: findURLs(t)}
	emails := findEmails(t, x.urls)
	x.skip = append(slices.Clone(x.urls), spansOf(emails)...)
	x.dates = findDates(t, x.skip)
	pre, _, _ := publication(t, x.dates)
	if pre != nil {
		p := *pre
		pre = &p // resolveYears rewrites the list it points into
	}
	resolveYears(x.dates, pre)
	x.pub, x.pubQuote, x.pubDoubt = publication(t, x.dates)
	phones := findPhones(t, x.skip)
	x.windows = findWindows(t, x.dates)
	x.levels = lineLevels(t)
	x.counts = findCounts(t, append(append(spansOfDates(x.dates), spansOf(phones)...), x.skip...))
	x.services = findServices(t)
	all := append(append(slices.Clone(phones), emails...), webContacts(t, x.urls, x.services)...)
	x.lines, x.phoneLines = map[int]bool{}, map[int]bool{}
	for _, c := range all {
		x.lines[c.line] = true
		x.phoneLines[c.line] = x.phoneLines[c.line] || c.Kind == "phone"
	}
	x.contacts = dedupeContacts(all)
	x.updates = findUpdates(t, x.dates, x.windows)
	placeContacts(t, x)
	x.timeline = timeline(t, x)
	x.statements = findStatements(t)
	x.orgs = findOrgs(t)
	return x
}

func spansOf(cs []Contact) []span {
	var out []span
	for _, c := range cs {
		out = append(out, span{c.s, c.e})
	}
	return out
}

func spansOfDates(ds []Date) []span {
	var out []span
	for _, d := range ds {
		out = append(out, span{d.s, d.e})
	}
	return out
}

// dedupeContacts keeps the first mention of each value: notices print their
// desk twice (in the body and again at the end).
func dedupeContacts(cs []Contact) []Contact {
	slices.SortStableFunc(cs, func(a, b Contact) int { return a.s - b.s })
	var out []Contact
	seen := map[string]bool{}
	for _, c := range cs {
		k := c.Kind + ":" + digitsOrValue(c.Value)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

func digitsOrValue(v string) string {
	var b strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			b.WriteRune(r)
		}
	}
	if b.Len() >= 10 && !strings.Contains(v, "@") && !strings.Contains(v, "://") {
		return b.String()
	}
	return v
}

var webDeskRe = regexp.MustCompile(`お問い?合わ?せ|問合せ|フォーム|窓口|相談`)

// webContacts are the URLs printed beside inquiry words: a web form is a
// desk like a phone.
func webContacts(t *Text, urls []span, svcs []Service) []Contact {
	var out []Contact
	for _, u := range urls {
		if inService(t, u, svcs) {
			continue
		}
		n := t.lineAt(u.s)
		ctx := t.line(n) + t.line(prevContentLine(t, n))
		if !webDeskRe.MatchString(ctx) {
			continue
		}
		out = append(out, Contact{Kind: "web", Value: t.Raw(u.s, u.e), line: n, s: u.s, e: u.e})
	}
	return out
}

// placeContacts describes each contact from its block of lines and gives it
// the periods the text states for it.
func placeContacts(t *Text, x *analysis) {
	for i := range x.contacts {
		c := &x.contacts[i]
		a, b := contactBlock(t, c.line, x.phoneLines, x.lines)
		describe(t, c, a, b)
		c.inUpdateOnly = onlyInUpdates(t, x, c)
		validity(t, x, c, a, b)
	}
	applyUpdates(x)
	for i := range x.contacts {
		c := &x.contacts[i]
		if c.ValidFrom == "" && x.pub != nil && x.pub.Day() != "" && !slices.Contains(c.Audience, "press") {
			c.ValidFrom, c.ValidFromWhy = x.pub.Day(), "公表日から（通知に設置日の記載なし）"
		}
	}
}

// validity takes a desk's period from a dated phrase in its block (設置期間
// …まで), or failing that from its chapter (「6月8日より…窓口を設置」).
func validity(t *Text, x *analysis, c *Contact, a, b int) {
	pick := func(w Window, why string) {
		if w.From != nil && w.From.Y > 0 {
			c.ValidFrom = w.From.Point()
		}
		if w.To != nil && w.To.Y > 0 {
			if w.Until {
				c.ValidUntil = w.To.Point()
			} else {
				c.ValidThrough = w.To.Point()
			}
		}
		if why != "" {
			c.Doubt = append(c.Doubt, why)
		}
		for _, dt := range []*Date{w.From, w.To} {
			if dt != nil && dt.Doubt != "" {
				c.Doubt = append(c.Doubt, dt.Doubt)
			}
		}
	}
	for _, w := range x.windows {
		n := t.lineAt(w.Span.s)
		if w.Kind != KindContact || n < a || n > b {
			continue
		}
		if inChangeBlock(x, n) && !c.inUpdateOnly {
			continue // 「…17時より電話による対応を終了し、メールのみ」 dates the change, not this desk
		}
		pick(w, "")
		return
	}
	if slices.Contains(c.Audience, "press") {
		return
	}
	sc := scopeOf(t, x.levels, c.line)
	for _, w := range x.windows {
		n := t.lineAt(w.Span.s)
		if w.Kind != KindContact || !sc.has(n) || x.lines[n] || inOtherBlock(t, x, n, c) {
			continue
		}
		if strings.Contains(t.Norm[w.Sent.s:w.Sent.e], "設置") || strings.Contains(t.Norm[w.Sent.s:w.Sent.e], "開設") {
			pick(w, "期間は同じ節の「設置」の文から")
			return
		}
	}
}

// inOtherBlock reports whether line n belongs to another contact's block.
func inOtherBlock(t *Text, x *analysis, n int, c *Contact) bool {
	for _, o := range x.contacts {
		if o.s == c.s {
			continue
		}
		a, b := contactBlock(t, o.line, x.phoneLines, x.lines)
		if n >= a && n <= b {
			return true
		}
	}
	return false
}

func inChangeBlock(x *analysis, n int) bool {
	for _, u := range x.updates {
		if u.Changes && n >= u.a && n <= u.b {
			return true
		}
	}
	return false
}

func onlyInUpdates(t *Text, x *analysis, c *Contact) bool {
	inBlock := func(n int) bool { return inChangeBlock(x, n) }
	if !inBlock(c.line) {
		return false
	}
	key := digitsOrValue(c.Value)
	for i := 0; i < len(t.lines); i++ {
		if !inBlock(i) && strings.Contains(digitsOrValue(t.line(i)), key) {
			return false
		}
	}
	return true
}

// applyUpdates dates the desks an addendum replaced or ended: a number first
// printed in 「…より以下の通り、変更」 starts then, and the numbers before it
// stop; 「電話による対応を終了」 stops every phone.
func applyUpdates(x *analysis) {
	ups := slices.Clone(x.updates)
	slices.SortStableFunc(ups, func(a, b Update) int { return strings.Compare(a.At, b.At) })
	for _, u := range ups {
		var introduced []int
		for i, c := range x.contacts {
			if c.inUpdateOnly && c.line >= u.a && c.line <= u.b && u.Changes {
				introduced = append(introduced, i)
			}
		}
		for _, i := range introduced {
			c := &x.contacts[i]
			if c.ValidFrom == "" {
				c.ValidFrom = u.At
			}
			c.introducedAt = u.At
		}
		for i := range x.contacts {
			c := &x.contacts[i]
			if c.Kind != "phone" || slices.Contains(introduced, i) || slices.Contains(c.Audience, "press") || c.ValidUntil != "" || c.ValidThrough != "" || c.introducedAt > u.At {
				continue
			}
			newPhone := slices.ContainsFunc(introduced, func(j int) bool { return x.contacts[j].Kind == "phone" })
			if newPhone || u.EndPhone {
				c.ValidUntil = u.At
				c.Doubt = append(c.Doubt, fmt.Sprintf("追記（%s）で終わったと読んだ", u.Header))
			}
		}
	}
}

// timeline is the dated events plus the attack periods, which belong to the
// story of the incident rather than to anyone's window.
func timeline(t *Text, x *analysis) []Event {
	skip := map[int]bool{}
	if x.pub != nil {
		skip[x.pub.s] = true
	}
	for _, u := range x.updates {
		for _, d := range x.dates {
			if t.lineAt(d.s) == u.hdrLine {
				skip[d.s] = true
			}
		}
	}
	evs := findTimeline(t, x.dates, x.windows, skip)
	for _, w := range x.windows {
		if w.Kind != KindAttack || w.From == nil && w.To == nil {
			continue
		}
		at := w.FromPoint()
		if at == "" {
			at = w.ToPoint()
		}
		if at == "" || slices.ContainsFunc(evs, func(e Event) bool { return e.At == at && strings.Contains(e.Quote, t.Quote(w.Span.s, w.Span.e)) }) {
			continue
		}
		sn := w.Sent
		q := t.Quote(sn.s, sn.e)
		if runeLen(q) > 200 {
			a, b := clauseBounds(t, w.Span.s, w.Span.e)
			q = t.Quote(a, b)
		}
		evs = append(evs, Event{At: at, Text: "", Quote: q, day: *firstDate(w),
			Doubt: []string{fmt.Sprintf("攻撃・発生の期間（%s〜%s）: 対象者の窓は populations で確認", w.FromPoint(), w.ToPoint())}})
	}
	slices.SortStableFunc(evs, func(a, b Event) int { return strings.Compare(a.At, b.At) })
	return evs
}

func firstDate(w Window) *Date {
	if w.From != nil {
		return w.From
	}
	return w.To
}

func incidentID(o Options, pub *Date) (string, string) {
	if o.ID != "" {
		return o.ID, ""
	}
	base := strings.ToLower(strings.TrimSuffix(path.Base(o.File), path.Ext(o.File)))
	base = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(base, "-")
	base = strings.Trim(base, "-")
	if base == "" {
		return "TODO", "id を決める（ファイル名と同じ）"
	}
	if pub != nil && pub.Y > 0 && !regexp.MustCompile(`(19|20)\d\d`).MatchString(base) {
		base = fmt.Sprintf("%s-%d", base, pub.Y)
	}
	return base, "id はファイル名と同じにする"
}

func (d *Draft) fillHeader(t *Text, x *analysis) {
	d.TitleQuote, d.Title = findTitle(t)
	d.Orgs = chooseOrgs(t, x.orgs)
	if x.pub != nil && x.pub.Day() != "" {
		d.Published = &DatedFact{Day: x.pub.Day(), Quote: x.pubQuote, Doubt: x.pubDoubt, Inferred: x.pub.yearNote(t, x.dates)}
		if x.pub.Doubt != "" {
			d.Published.Doubt = append(d.Published.Doubt, x.pub.Doubt)
		}
	}
	d.Discovered = discovered(findTimeline(t, x.dates, x.windows, map[int]bool{}))
	d.Summary = findSummary(t)
	if d.TitleQuote != "" {
		s := Source{Title: d.TitleQuote, Quote: d.TitleQuote}
		if d.Published != nil {
			s.Date = d.Published.Day
		}
		d.Sources = append(d.Sources, s)
	}
	d.Sources = append(d.Sources, urlSources(t, x)...)
}

// urlSources are the URLs the text prints that are neither a desk nor part
// of a service's name: pages it refers to, titled by the words before them
// or by the line above.
func urlSources(t *Text, x *analysis) []Source {
	var out []Source
	for _, u := range x.urls {
		if inContacts(u, x.contacts) || inService(t, u, x.services) {
			continue
		}
		n := t.lineAt(u.s)
		q := t.trimmed(n)
		if strings.TrimSpace(t.Norm[t.lines[n].s:u.s]) == "" {
			if p := prevContentLine(t, n); p >= 0 {
				q.s = t.trimmed(p).s
			}
		}
		title := strings.Trim(t.Quote(q.s, u.s), " :：(（")
		doubts := []string{"本文に印刷されたURL: 出典か関連ページか確認"}
		if title == "" {
			title, doubts = "TODO", append(doubts, "ページの見出し")
		}
		out = append(out, Source{Title: title, URL: t.Raw(u.s, u.e), Quote: t.Quote(q.s, q.e), Doubt: doubts})
	}
	return out
}

func inContacts(u span, cs []Contact) bool {
	return slices.ContainsFunc(cs, func(c Contact) bool { return c.Kind == "web" && c.s == u.s })
}

// inService reports whether a URL is printed inside a service's name
// (「STYLE STORE(http://stylestore.jp/)」): it names the site, not a source.
func inService(t *Text, u span, svcs []Service) bool {
	url := strings.ToLower(t.Norm[u.s:u.e])
	for _, s := range svcs {
		if s.Domain != "" && strings.Contains(url, strings.ToLower(s.Domain)) {
			return true
		}
	}
	return false
}

// chooseOrgs keeps the likeliest author and the others said to run things.
func chooseOrgs(t *Text, os []Org) []Org {
	if len(os) == 0 || os[0].score < 2 {
		o := unnamedOrg(t)
		for _, c := range os {
			o.Doubt = append(o.Doubt, "本文に出てくる組織: "+c.Name)
		}
		return []Org{o}
	}
	out := []Org{os[0]}
	if os[0].score < 3 {
		out[0].Doubt = append(out[0].Doubt, "どの組織の通知か確認")
	}
	for _, o := range os[1:] {
		if o.score >= 4 {
			o.Doubt = append(o.Doubt, "この事案の組織か確認")
			out = append(out, o)
		}
	}
	return out
}

var discoveryRe = regexp.MustCompile(`判明|発覚|検知|認識|気づ|把握|第一報|連絡を受け|指摘を受け|通報を受け|確認`)

func discovered(evs []Event) *DatedFact {
	for _, e := range evs {
		if discoveryRe.MatchString(e.Quote) && e.day.D > 0 {
			return &DatedFact{Day: e.day.Day(), Quote: e.Quote, Doubt: []string{"組織が知った日か確認"}}
		}
	}
	return nil
}

// kana turns a katakana name into the hiragana the search folds to; other
// names need a person.
func kana(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'ァ' && r <= 'ヶ':
			b.WriteRune(r - 0x60)
		case r == 'ー' || r == '・' || r == ' ' || unicode.Is(unicode.Hiragana, r):
			b.WriteRune(r)
		default:
			return ""
		}
	}
	return b.String()
}
