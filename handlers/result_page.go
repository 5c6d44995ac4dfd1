package handlers

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"exposurecheck/store"
	"exposurecheck/views"
)

// The result page (design §9): one card per service with a line per kind of
// data, what to do once for the page, whom to call, and how to keep it.

// serviceResult is one service's uses and what the page says about them.
type serviceResult struct {
	svc     store.Service
	results []*store.UseResult // in the request's results
	idx     []int              // positions of the results in the page's uses
	lines   []lineResult
	verdict store.Verdict
	score   int
}

// popHit is a population result with the use it answers.
type popHit struct {
	use int                     // index into the page's uses
	pr  *store.PopulationResult // in the request's results
	act store.Activity
}

// lineResult is one kind of data on a card and the population that decides it.
type lineResult struct {
	kind    string // card, login, personal
	verdict store.Verdict
	lead    popHit
	classes []*classAdvice
}

// lineKinds are a card's lines, most urgent first.
var lineKinds = []string{"card", "login", "personal"}

// kindIndex puts a data class on a line (its index in lineKinds), by its
// advice group.
func kindIndex(class string, advice map[string]store.Advice) int {
	if store.IsCardClass(class) {
		return 0
	}
	switch advice[class].Group {
	case store.CardData:
		return 0
	case store.LoginData:
		return 1
	}
	return 2
}

// A population missing from d.bodies is rendered with the page.
func buildResultPage(results []store.UseResult, incidents map[string]*store.Incident, d *resultData, now, updated time.Time) views.ResultPage {
	page := views.ResultPage{Computed: now, DataUpdated: updated}
	uses := make([]store.Use, len(results))
	var titles []string
	for i, r := range results {
		uses[i] = r.Use
		if !slices.Contains(titles, r.Service.Name) {
			titles = append(titles, r.Service.Name)
		}
	}
	page.Meta.Title = strings.Join(titles, "・") + "の確認結果"
	page.Permalink = permalink(uses)
	page.EditURL = "/check/edit" + strings.TrimPrefix(page.Permalink, "/result")

	services := groupByService(results, d)
	slices.SortStableFunc(services, func(a, b *serviceResult) int { return b.score - a.score })
	page.Overall = overallSentences(services)
	var facts map[string][]views.NoteView
	page.Todo, facts = buildTodo(services, incidents, d)
	unsure := ""
	if len(page.Todo.Steps) > 0 {
		unsure = "#todo"
	}
	page.Cards = make([]views.ServiceCard, 0, len(services))
	for _, sr := range services {
		card := buildServiceCard(sr, uses, incidents, d, now, page.EditURL, unsure)
		card.Notes = facts[sr.svc.ID]
		for _, l := range card.Lines {
			if l.Verdict == string(store.Outside) {
				page.OutsideNote = true
			}
		}
		page.Cards = append(page.Cards, card)
	}
	if len(page.Cards) > 1 {
		page.Overview = overview(page.Cards)
		// The rows name each service's verdict; the sentence gives the count.
		page.Overall = page.Overall[:1]
	}
	page.Desks, page.PressDesks = buildDesks(services, incidents, d, now)
	return page
}

// groupByService gathers the uses of each service, in the order asked, and
// works out each service's lines and how serious it is.
func groupByService(results []store.UseResult, d *resultData) []*serviceResult {
	// At most store.MaxUses: scans, and the services in one array.
	all := make([]serviceResult, 0, len(results))
	for i := range results {
		r := &results[i]
		j := -1
		for k := range all {
			if all[k].svc.ID == r.Service.ID {
				j = k
				break
			}
		}
		if j < 0 {
			j = len(all)
			all = append(all, serviceResult{svc: r.Service})
		}
		all[j].idx = append(all[j].idx, i)
	}
	// Each service's results, from its positions: one array for all.
	rs := make([]*store.UseResult, len(results))
	at := 0
	for j := range all {
		sr := &all[j]
		sr.results = rs[at : at+len(sr.idx) : at+len(sr.idx)]
		for k, i := range sr.idx {
			sr.results[k] = &results[i]
		}
		at += len(sr.idx)
	}
	out := make([]*serviceResult, len(all))
	for i := range all {
		out[i] = &all[i]
	}
	for _, sr := range out {
		sr.lines = serviceLines(sr, d)
		sr.verdict = store.Unaffected
		for _, l := range sr.lines {
			if l.verdict.Serious(sr.verdict) {
				sr.verdict = l.verdict
			}
		}
		sr.score = verdictRank(sr.verdict) * 1000
		for _, l := range sr.lines {
			if l.verdict == sr.verdict {
				sr.score += popRank(l.lead.pr.Population)
				break
			}
		}
	}
	return out
}

func verdictRank(v store.Verdict) int {
	return verdictRanks[v]
}

// Package-level, not literals in the functions: a map literal is built on
// every call, and these are called from sort comparators.
var (
	verdictRanks   = map[store.Verdict]int{store.Match: 5, store.Partial: 4, store.Unknown: 3, store.Outside: 2, store.Unaffected: 1}
	certaintyRanks = map[store.Certainty]int{store.Leaked: 50, store.PossiblyLeaked: 40, store.UnderInvestigation: 30,
		store.DisclosedToParty: 20, store.AccessedNoEvidence: 10}
)

// popRank orders populations of one verdict: card data first, then certainty.
func popRank(p *store.Population) int {
	v := 0
	if slices.ContainsFunc(p.Exposed, store.IsCardClass) {
		v += 100
	}
	return v + certaintyRanks[p.Certainty]
}

// leadRank orders populations of one verdict for a line: a boundary the
// person can settle with one tap first (the fee paid before or after 3/16
// decides all the card data), then card data and certainty.
func leadRank(h popHit) int {
	r := popRank(h.pr.Population)
	if h.pr.Why == store.Straddles && len(h.pr.Deciding) > 0 {
		r += 1000
	}
	return r
}

// serviceLines gives each kind of data its own verdict: the most serious of
// the populations exposing that kind, so a match on an account never hides a
// partial on card data.
func serviceLines(sr *serviceResult, d *resultData) []lineResult {
	n, nc := 0, 0
	for _, r := range sr.results {
		n += len(r.Populations)
		for j := range r.Populations {
			nc += len(r.Populations[j].Population.Exposed)
		}
	}
	hits := make([]popHit, 0, n)
	masks := make([]uint8, 0, n)         // bit k: the hit's group exposes lineKinds[k]
	kinds := make([]*classAdvice, 0, nc) // each hit's classes, hit after hit
	for i, r := range sr.results {
		for j := range r.Populations {
			pr := &r.Populations[j]
			hits = append(hits, popHit{use: sr.idx[i], pr: pr, act: r.Activity})
			var m uint8
			for _, c := range pr.Population.Exposed {
				ca := d.class(c)
				kinds = append(kinds, ca)
				m |= 1 << ca.kind
			}
			masks = append(masks, m)
		}
	}
	lines := make([]lineResult, 0, len(lineKinds))
	classes := make([]*classAdvice, 0, len(kinds)) // every line's classes, line after line
	for k, kind := range lineKinds {
		var l lineResult
		found := false
		for i, h := range hits {
			if masks[i]&(1<<k) == 0 {
				continue
			}
			if !found {
				l, found = lineResult{kind: kind, verdict: h.pr.Verdict, lead: h}, true
				continue
			}
			if h.pr.Verdict.Serious(l.verdict) || (h.pr.Verdict == l.verdict && leadRank(h) > leadRank(l.lead)) {
				l.verdict, l.lead = h.pr.Verdict, h
			}
		}
		if !found {
			continue
		}
		at := 0 // the hit's first class in kinds
		first := len(classes)
		for i, h := range hits {
			exposed := h.pr.Population.Exposed
			if h.pr.Verdict == l.verdict && masks[i]&(1<<k) != 0 {
				for j := range exposed {
					// By name: a class the advice file lacks gets a new
					// classAdvice each time it is looked up.
					if ca := kinds[at+j]; int(ca.kind) == k && !slices.ContainsFunc(classes[first:], func(o *classAdvice) bool { return o.class == ca.class }) {
						classes = append(classes, ca)
					}
				}
			}
			at += len(exposed)
		}
		l.classes = classes[first:len(classes):len(classes)]
		lines = append(lines, l)
	}
	return lines
}

// joinLabels joins the classes' labels with 「・」.
func joinLabels(classes []*classAdvice) string {
	if len(classes) == 1 {
		return classes[0].label
	}
	n := 0
	for _, c := range classes {
		n += len(c.label) + len("・")
	}
	var b strings.Builder
	b.Grow(n)
	for i, c := range classes {
		if i > 0 {
			b.WriteString("・")
		}
		b.WriteString(c.label)
	}
	return b.String()
}

// lineLabel names a line by what it holds.
func lineLabel(kind string, classes []*classAdvice) string {
	switch kind {
	case "card":
		return "カード情報"
	case "login":
		return "ログイン情報"
	}
	var personal, contact, other bool
	for _, c := range classes {
		switch c.group {
		case store.PersonalData:
			personal = true
		case store.ContactData:
			contact = true
		case store.OtherData, "":
			other = true
		}
	}
	var label string
	switch {
	case personal && contact:
		label = "個人情報・連絡先"
	case contact:
		label = "連絡先"
	case personal:
		label = "個人情報"
	default:
		return "その他の情報"
	}
	if other {
		label += "など"
	}
	return label
}

// overallSentences say, under the h1, how many of the services checked are
// in a window, naming them.
func overallSentences(services []*serviceResult) []string {
	if len(services) == 0 {
		return nil
	}
	if len(services) == 1 {
		sr := services[0]
		name := "「" + sr.svc.Name + "」"
		switch sr.verdict {
		case store.Match:
			return []string{"確認した" + name + "は、事案の対象期間に含まれます。"}
		case store.Partial:
			return []string{"確認した" + name + "は、条件によっては事案の対象です。下の条件を確かめてください。"}
		case store.Unknown:
			return []string{"確認した" + name + "は、時期が分からないため、まだ判定できません。下の対象期間と比べてください。"}
		case store.Outside:
			return []string{"確認した" + name + "は、事案の対象期間に含まれません。"}
		}
		if sr.svc.Unaffected != nil {
			return []string{"確認した" + name + "は、事案の対象外と公表されています。"}
		}
		return []string{"確認した" + name + "に当てはまる事案は、このサイトのデータにはありません。"}
	}
	bucket := func(vs ...store.Verdict) (int, string) {
		n, names := 0, ""
		for _, sr := range services {
			if slices.Contains(vs, sr.verdict) {
				if n > 0 {
					names += "・"
				}
				n, names = n+1, names+sr.svc.Name
			}
		}
		return n, names
	}
	count := func(n int, names string) string { return strconv.Itoa(n) + "件（" + names + "）" }
	first := "確認した" + strconv.Itoa(len(services)) + "件のサービスのうち、"
	if n, names := bucket(store.Match); n > 0 {
		first += count(n, names) + "が事案の対象期間に含まれます。"
	} else {
		first += "対象期間にはっきり含まれるものはありません。"
	}
	out := make([]string, 1, 4)
	out[0] = first
	if n, names := bucket(store.Partial); n > 0 {
		out = append(out, count(n, names)+"は、条件によっては対象です。")
	}
	if n, names := bucket(store.Unknown); n > 0 {
		out = append(out, count(n, names)+"は、時期が分からないため判定できません。")
	}
	if n, names := bucket(store.Outside, store.Unaffected); n > 0 {
		out = append(out, count(n, names)+"は、対象期間外か、対象外です。")
	}
	return out
}

var chipWords = map[string]string{"match": "対象期間内", "partial": "条件による", "unknown": "時期が不明", "outside": "対象期間外", "unaffected": "対象外"}
var chipKinds = map[string]string{"card": "カード", "login": "ログイン", "personal": "個人情報"}

// overview is a row per service with a chip per line, linking to its card.
func overview(cards []views.ServiceCard) []views.OverviewRow {
	rows := make([]views.OverviewRow, 0, len(cards))
	for _, c := range cards {
		row := views.OverviewRow{Anchor: c.Anchor, Name: c.Name, Chips: make([]views.Chip, 0, len(c.Lines))}
		for _, l := range c.Lines {
			kind, ok := chipKinds[l.Kind]
			if !ok {
				kind = "判定"
			}
			word := chipWords[l.Verdict]
			if l.Verdict == string(store.Unaffected) && c.Unaffected != nil {
				word = "対象外と公表"
			} else if l.Verdict == string(store.Unaffected) {
				word = "該当する事案なし"
			}
			row.Chips = append(row.Chips, views.Chip{Kind: kind, Verdict: l.Verdict, Word: word})
		}
		rows = append(rows, row)
	}
	return rows
}

// shortActivity drops the service's name from an activity's label: the card
// already says it (「DLmarketの決済ページで…」 → 「決済ページで…」).
func shortActivity(svc store.Service, a store.Activity) string {
	label := a.Label
	if rest, ok := strings.CutPrefix(label, svc.Name); ok {
		for _, p := range []string{"の", "で", "に", "を"} {
			if r, ok := strings.CutPrefix(rest, p); ok && r != "" {
				return r
			}
		}
	}
	return label
}

func buildServiceCard(sr *serviceResult, uses []store.Use, incidents map[string]*store.Incident, d *resultData, now time.Time, editURL, unsure string) views.ServiceCard {
	anchor, serviceURL := d.serviceLinks(sr.svc.ID)
	card := views.ServiceCard{Anchor: anchor, Name: sr.svc.Name, ServiceURL: serviceURL, Verdict: string(sr.verdict)}
	// The answers' spans and their ends, in one backing array each: sized
	// here, so the pointers into times stay valid.
	nw := 0
	for _, r := range sr.results {
		nw += len(r.Use.Whens)
	}
	spans := make([]views.Window, 0, nw)
	times := make([]time.Time, 0, 2*nw)
	card.Answers = make([]views.AnswerView, 0, len(sr.results))
	for _, r := range sr.results {
		a := views.AnswerView{Activity: shortActivity(sr.svc, r.Activity)}
		first := len(spans)
		for _, w := range r.Use.Whens {
			if span, ok := w.Span(now); ok {
				vw := views.Window{Stated: true}
				if w.From != nil {
					times = append(times, span.From)
					vw.From = &times[len(times)-1]
				}
				if w.To != nil {
					times = append(times, span.To)
					vw.To = &times[len(times)-1]
				}
				spans = append(spans, vw)
			}
		}
		if len(spans) > first {
			a.Spans = spans[first:len(spans):len(spans)]
		}
		if len(r.Use.Whens) == 0 {
			a.AddDateURL = editURL + "&add=" + r.Use.Key()
		}
		card.Answers = append(card.Answers, a)
	}
	var said []saidKey
	card.Lines = make([]views.DataLine, 0, len(sr.lines))
	for _, l := range sr.lines {
		excerpt := incidents[l.lead.pr.Population.Incident].Notice.Excerpt
		card.Lines = append(card.Lines, dataLine(l, sr.svc, uses, now, unsure, excerpt, &said))
	}
	if len(card.Lines) == 0 {
		line := views.DataLine{Label: "このサービス", Verdict: string(store.Unaffected),
			Text: "この利用内容に当てはまる事案は、このサイトのデータにはありません。"}
		if sr.svc.Unaffected != nil {
			line.Text = "対象外と公表されています。"
			line.Detail = sr.svc.Unaffected.Text
			card.Unaffected = &views.Quote{Text: sr.svc.Unaffected.Text, Quote: sr.svc.Unaffected.Quote}
		}
		card.Lines = append(card.Lines, line)
	}

	// The details: each population once, with the most serious verdict it got.
	var order []*store.PopulationResult // in the request's results
	for _, r := range sr.results {
		for j := range r.Populations {
			pr := &r.Populations[j]
			i := slices.IndexFunc(order, func(o *store.PopulationResult) bool { return o.Population.ID == pr.Population.ID })
			switch {
			case i < 0:
				order = append(order, pr)
			case pr.Verdict.Serious(order[i].Verdict):
				order[i] = pr
			}
		}
	}
	slices.SortStableFunc(order, func(pa, pb *store.PopulationResult) int {
		if d := verdictRank(pb.Verdict) - verdictRank(pa.Verdict); d != 0 {
			return d
		}
		return popRank(pb.Population) - popRank(pa.Population)
	})
	ids := make([]string, 0, len(order))
	card.Populations = make([]views.PopulationView, 0, len(order))
	for _, pr := range order {
		pv := populationWithVerdict(pr.Population, pr.Verdict, pr.Why, incidents, d.advice, d.bodies)
		pv.Level = 3
		card.Populations = append(card.Populations, pv)
		ids = append(ids, pr.Population.Incident)
	}
	if len(ids) == 0 && sr.svc.Incident != "" {
		ids = append(ids, sr.svc.Incident)
	}
	incs := sortedIncidents(make([]*store.Incident, 0, len(ids)), ids, incidents)
	card.Incidents = make([]views.IncidentRef, 0, len(incs))
	for _, inc := range incs {
		ref := refOf(inc, d.refs)
		card.Incidents = append(card.Incidents, ref)
		if inc.Notice.Excerpt && card.Excerpt == nil {
			card.Excerpt = &views.ExcerptView{Title: inc.Title, URL: ref.RetrievedFrom}
		}
	}
	return card
}

// dataLine words one line: the verdict in one sentence, never stronger than
// the notice, and what would settle it.
//
// said remembers what earlier lines of the card explained, so a second line
// drawn from the same population, or asking about the same window, says
// 「上と同じ」 instead of repeating it.
func dataLine(l lineResult, svc store.Service, uses []store.Use, now time.Time, unsure string, excerpt bool, said *[]saidKey) views.DataLine {
	pr := l.lead.pr
	p := pr.Population
	line := views.DataLine{Kind: l.kind, Label: lineLabel(l.kind, l.classes), Classes: joinLabels(l.classes), Verdict: string(l.verdict)}
	if line.Classes == line.Label {
		line.Classes = ""
	}
	window := views.Window{}
	if p.Window != nil {
		window = views.Window{Stated: true, From: p.Window.From, To: p.Window.To}
	}
	switch l.verdict {
	case store.Match:
		line.Text = matchText(p.Certainty, excerpt)
	case store.Outside:
		line.Text = "この事案の対象期間外です。"
		line.Detail = "対象期間: " + views.WindowText(window)
	case store.Unknown:
		wt := views.WindowText(window)
		key := saidKey{"window", l.lead.use, wt}
		if slices.Contains(*said, key) {
			line.Text = "対象期間は上と同じです。"
			break
		}
		*said = append(*said, key)
		line.Text = "時期が分からないため判定できません。対象期間は" + wt + "です。"
		line.Ask = periodAsk(uses, l.lead.use, *p.Window, svc, l.lead.act, now)
	case store.Partial:
		key := saidKey{"partial", l.lead.use, p.ID}
		if slices.Contains(*said, key) {
			line.Text = "上と同じ条件です。"
			break
		}
		*said = append(*said, key)
		line.Text, line.Detail, line.Refine = partialLine(l.lead, uses, now, unsure)
	}
	// A misdirected mail or letter: say what reached whom.
	if p.Certainty == store.DisclosedToParty && (l.verdict == store.Match || l.verdict == store.Partial) && line.Text != "上と同じ条件です。" {
		line.Reached = &views.Reached{What: p.Label, Whom: p.DisclosedTo, IfIn: l.verdict == store.Partial}
	}
	return line
}

// saidKey is something a card's line explained: a window asked about for a
// use, or a group's condition.
type saidKey struct {
	what string
	use  int
	id   string
}

// matchText is a match's sentence: in the window, then certaintyShort.
func matchText(c store.Certainty, excerpt bool) string {
	if t, ok := matchTexts[matchKey{c, excerpt}]; ok {
		return t
	}
	return "対象期間に含まれます。" + certaintyShort(c, excerpt)
}

type matchKey struct {
	c       store.Certainty
	excerpt bool
}

// matchTexts are matchText's sentences for every certainty, made once.
var matchTexts = func() map[matchKey]string {
	m := map[matchKey]string{}
	for _, c := range []store.Certainty{store.Leaked, store.PossiblyLeaked, store.UnderInvestigation, store.DisclosedToParty, store.AccessedNoEvidence} {
		for _, e := range []bool{false, true} {
			m[matchKey{c, e}] = "対象期間に含まれます。" + certaintyShort(c, e)
		}
	}
	return m
}()

// certaintyShort is what a match means, as the notice says it; an excerpt's
// silence about what followed may be the cut, so it is not read as absence.
func certaintyShort(c store.Certainty, excerpt bool) string {
	switch c {
	case store.Leaked:
		return "流出しました（流出が確認されています）。"
	case store.AccessedNoEvidence:
		return "保管していたサーバーに不正アクセスがありましたが、流出の痕跡は見つかっていないとされています。"
	case store.DisclosedToParty:
		if excerpt {
			return "情報がほかの人に届きました。それより先への流出は、手元の写し（ページの冒頭部分）には書かれていません。"
		}
		return "情報がほかの人に届きました。それより先への流出は通知に書かれていません。"
	case store.UnderInvestigation:
		return "流出したかどうかは調査中とされています。"
	}
	return "流出した可能性があります。"
}

// partialLine says what keeps a line from being a match: the deciding
// instant (with the answers that settle it), or who decides.
func partialLine(h popHit, uses []store.Use, now time.Time, unsure string) (text, detail string, refine *views.Refine) {
	p := h.pr.Population
	switch h.pr.Why {
	case store.NoPeriod:
		text = "対象の期間が公表されていないため、日付では決められません。"
		if p.OnlySome != nil {
			detail = views.Sentences(p.OnlySome.Criteria, p.OnlySome.Who)
		}
		return text, detail, nil
	case store.OnlySomeInside:
		return "期間内ですが、対象は一部の人だけです。", views.Sentences(p.OnlySome.Criteria, p.OnlySome.Who), nil
	}
	if len(h.pr.Deciding) > 0 {
		b := h.pr.Deciding[0]
		r := refineFor(uses, h.use, b, now)
		r.UnsureURL = unsure
		if b.Approx {
			return "対象期間の境目が「" + views.JDateTime(b.At) + "頃」とされているため、どちらとも言えません。", "", &r
		}
		if b.InsideAfter {
			text = views.JDateTime(b.At) + "以降なら対象です。それより前なら対象期間外です。"
		} else {
			text = views.LastInstant(b.At) + "までなら対象です。それより後なら対象期間外です。"
		}
		return text, "", &r
	}
	if h.pr.Why == store.NearApprox {
		return "答えた時期が、通知で「頃」とされた対象期間の境目にかかっているため、どちらとも言えません。", "", nil
	}
	return "答えた時期の一部が対象期間に重なります。より詳しい日付で確かめてください。", "", nil
}

var verdictLabels = map[store.Verdict]string{
	store.Match:      "対象期間に含まれます",
	store.Partial:    "一部が対象期間に含まれます",
	store.Unknown:    "未判定（時期の回答がありません）",
	store.Outside:    "この事案の対象期間外です",
	store.Unaffected: "対象外と公表されています",
}

// verdictLabel names a population's verdict in its details; the only-some
// case is named as /about names it.
func verdictLabel(v store.Verdict, why store.Why) string {
	if v == store.Partial {
		switch why {
		case store.NoPeriod:
			return "日付では判断できません"
		case store.OnlySomeInside:
			return "期間内ですが、対象は一部の人だけです"
		case store.NearApprox:
			return "対象期間の境目（「頃」とされた時刻）にかかっています"
		}
	}
	return verdictLabels[v]
}

// sortedIncidents are the incidents of ids (duplicates allowed), by id, in
// out (emptied first): the callers reuse it from use to use.
func sortedIncidents(out []*store.Incident, ids []string, incidents map[string]*store.Incident) []*store.Incident {
	out = out[:0]
	for _, id := range ids {
		if inc, ok := incidents[id]; ok && !slices.Contains(out, inc) {
			out = append(out, inc)
		}
	}
	slices.SortFunc(out, func(a, b *store.Incident) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// refOf is the incident's reference worded at start (incidentRefs), or
// worded now.
func refOf(inc *store.Incident, refs map[string]views.IncidentRef) views.IncidentRef {
	if r, ok := refs[inc.ID]; ok {
		return r
	}
	return incidentRef(inc)
}

// incidentRefs words every incident's reference once, dates included: the
// result page names the incidents behind each card.
func incidentRefs(incs []store.Incident) map[string]views.IncidentRef {
	out := make(map[string]views.IncidentRef, len(incs))
	for i := range incs {
		r := incidentRef(&incs[i])
		r.Dates = views.IncidentDates(r)
		out[incs[i].ID] = r
	}
	return out
}

func incidentRef(inc *store.Incident) views.IncidentRef {
	ref := views.IncidentRef{Title: inc.Title, URL: "/incidents/" + inc.ID, Excerpt: inc.Notice.Excerpt}
	if inc.Notice.RetrievedFrom != nil {
		ref.RetrievedFrom = *inc.Notice.RetrievedFrom
	}
	ref.Published = publishedTime(*inc)
	if inc.Discovered != nil {
		d := inc.Discovered.Day.Time()
		ref.Discovered = &d
	}
	if days, ok := inc.DaysToAnnounce(); ok {
		ref.DaysToAnnounce = &days
	}
	return ref
}
