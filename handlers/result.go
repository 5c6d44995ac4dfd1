package handlers

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"exposurecheck/store"
	"exposurecheck/views"
)

// Result is the bookmarkable result page: everything comes from the URL.
func (s *Server) Result(c echo.Context) error {
	uses, results, now, err := s.checkQuery(c)
	if err != nil {
		return err
	}
	incidents, err := s.incidentsOf(c.Request().Context(), results)
	if err != nil {
		return err
	}
	page := buildResultPage(results, incidents, s.advice, now, s.db.Updated().Time(), s.serviceName)
	page.Meta = s.meta(page.Meta.Title, "check")
	page.Meta.NoIndex = true
	page.Meta.Canonical = permalink(uses)
	// Shown for copying, so it must work outside this site: make it absolute.
	page.Permalink = c.Scheme() + "://" + c.Request().Host + page.Permalink
	// The answers are in the URL: keep the page out of shared caches.
	noStore(c)
	return render(c, http.StatusOK, views.Result(page))
}

// checkQuery parses the request's use parameters and checks them, for the
// result page and the API alike.
func (s *Server) checkQuery(c echo.Context) ([]store.Use, []store.UseResult, time.Time, error) {
	now := s.now()
	uses, err := store.ParseUses(c.QueryParams()["use"], s.db, now)
	if err != nil {
		return nil, nil, now, useError(err)
	}
	results, err := s.check(c.Request().Context(), uses, now)
	return uses, results, now, err
}

// check matches every use against the data, keeping the order asked.
func (s *Server) check(ctx context.Context, uses []store.Use, now time.Time) ([]store.UseResult, error) {
	out := make([]store.UseResult, 0, len(uses))
	for _, u := range uses {
		svc, err := s.db.Service(u.Service)
		if err != nil {
			return nil, err
		}
		act, _ := svc.Activity(u.Activity)
		pops, err := s.db.Populations(ctx, u.Service, u.Activity)
		if err != nil {
			return nil, err
		}
		contacts, err := s.db.Contacts(ctx, u.Service, u.Activity)
		if err != nil {
			return nil, err
		}
		out = append(out, store.Check(u, svc, act, pops, contacts, now))
	}
	return out, nil
}

func (s *Server) incidentsOf(ctx context.Context, results []store.UseResult) (map[string]store.Incident, error) {
	out := map[string]store.Incident{}
	for _, r := range results {
		ids := []string{r.Service.Incident}
		for _, p := range r.Populations {
			ids = append(ids, p.Population.Incident)
		}
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			inc, err := s.db.Incident(ctx, id)
			if err != nil {
				return nil, err
			}
			out[id] = inc
		}
	}
	return out, nil
}

// buildResultPage turns verdicts into the page: most serious first, each
// card led by one plain sentence, never stronger than the notice.
func buildResultPage(results []store.UseResult, incidents map[string]store.Incident, advice map[string]store.Advice, now, updated time.Time, names func(string) string) views.ResultPage {
	page := views.ResultPage{Progress: views.CheckProgress(3), Computed: now, DataUpdated: updated, Permalink: "", EditURL: ""}
	var uses []store.Use
	var titles []string
	for _, r := range results {
		uses = append(uses, r.Use)
		if !slices.Contains(titles, r.Service.Name) {
			titles = append(titles, r.Service.Name)
		}
	}
	page.Meta.Title = strings.Join(titles, "・") + "の確認結果"
	link := permalink(uses)
	page.Permalink = link
	page.EditURL = "/check/edit" + strings.TrimPrefix(link, "/result")
	order := make([]int, len(results))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return seriousness(results[b]) - seriousness(results[a]) })
	for _, i := range order {
		card := buildCard(results[i], incidents, advice, now, page.EditURL, names)
		page.Cards = append(page.Cards, card)
		page.Summary = append(page.Summary, views.CardSummary{Anchor: card.Anchor, Name: card.ServiceName, Verdict: card.Verdict, Label: card.VerdictLabel})
	}
	return page
}

// seriousness orders cards: verdict first, then card data, then certainty.
func seriousness(r store.UseResult) int {
	score := map[store.Verdict]int{store.Match: 5000, store.Partial: 4000, store.Unknown: 3000, store.Outside: 2000, store.Unaffected: 1000}[r.Verdict]
	best := 0
	for _, p := range r.Populations {
		if p.Verdict == r.Verdict {
			best = max(best, popRank(p.Population))
		}
	}
	return score + best
}

// popRank orders populations of one verdict: card data first, then certainty.
func popRank(p store.Population) int {
	v := 0
	if slices.ContainsFunc(p.Exposed, store.IsCardClass) {
		v += 100
	}
	return v + map[store.Certainty]int{store.Leaked: 50, store.PossiblyLeaked: 40, store.UnderInvestigation: 30,
		store.DisclosedToParty: 20, store.AccessedNoEvidence: 10}[p.Certainty]
}

var verdictLabels = map[store.Verdict]string{
	store.Match:      "対象期間に含まれます",
	store.Partial:    "一部が対象期間に含まれます",
	store.Unknown:    "時期が分からないため判定できません",
	store.Outside:    "この事案の対象期間外です",
	store.Unaffected: "対象外と公表されています",
}

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

func buildCard(r store.UseResult, incidents map[string]store.Incident, advice map[string]store.Advice, now time.Time, editURL string, names func(string) string) views.ResultCard {
	card := views.ResultCard{
		Anchor: "r-" + strings.ReplaceAll(r.Use.Key(), ".", "-"), ServiceName: r.Service.Name, ServiceURL: "/services/" + r.Service.ID,
		ActivityLabel: r.Activity.Label, Verdict: string(r.Verdict),
	}
	for _, w := range r.Use.Whens {
		if span, ok := w.Span(now); ok {
			vw := views.Window{Stated: true}
			if w.From != nil {
				vw.From = &span.From
			}
			if w.To != nil {
				vw.To = &span.To
			}
			card.AnswerSpans = append(card.AnswerSpans, vw)
		}
	}
	// The lead is the most serious population with the use's verdict: card
	// data before account data, leaked before possibly leaked.
	var lead *store.PopulationResult
	for i := range r.Populations {
		if r.Populations[i].Verdict == r.Verdict && (lead == nil || popRank(r.Populations[i].Population) > popRank(lead.Population)) {
			lead = &r.Populations[i]
		}
	}
	if lead != nil {
		card.VerdictLabel = verdictLabel(r.Verdict, lead.Why)
	} else {
		card.VerdictLabel = verdictLabel(r.Verdict, "")
	}
	card.Headline = headline(r, lead)
	if r.Verdict == store.Match {
		card.Headline += alsoMatched(r, lead)
	}
	if r.Service.Unaffected != nil {
		card.Unaffected = &views.Quote{Text: r.Service.Unaffected.Text, Quote: r.Service.Unaffected.Quote}
	}
	if r.Verdict == store.Unknown {
		card.AddDateURL = editURL + "&add=" + r.Use.Key()
	}
	exposed := map[string]bool{}
	seenIncident := map[string]bool{}
	concerned := map[string]bool{} // populations this person may be in
	for _, pr := range r.Populations {
		pv := populationView(pr.Population, pr.Verdict, pr.Why, pr.Deciding, incidents, advice)
		card.Populations = append(card.Populations, pv)
		if pr.Verdict != store.Outside {
			concerned[pr.Population.ID] = true
			for _, c := range pr.Population.Exposed {
				exposed[c] = true
			}
		}
		seenIncident[pr.Population.Incident] = true
	}
	card.Steps = steps(exposed, advice, r.Populations)
	if r.Verdict != store.Unaffected {
		for _, inc := range sortedIncidents(seenIncident, incidents) {
			// A note about card numbers is no news to someone whose only
			// group is the member data: show notes of the groups they may be in.
			for _, n := range inc.Notes {
				if slices.ContainsFunc(n.Populations, func(id string) bool { return concerned[id] }) ||
					(len(n.Populations) == 0 && r.Verdict != store.Outside) {
					card.Notes = append(card.Notes, views.Quote{Text: n.Text, Quote: n.Quote})
				}
			}
			card.Incidents = append(card.Incidents, incidentRef(inc))
		}
	} else if inc, ok := incidents[r.Service.Incident]; ok {
		card.Incidents = append(card.Incidents, incidentRef(inc))
	}
	ended := 0
	for _, c := range r.Contacts {
		cv := contactView(c, now, names)
		if c.ForPress() {
			card.PressContacts = append(card.PressContacts, cv)
			continue
		}
		if cv.State == string(store.DeskEnded) {
			ended++
		}
		card.Contacts = append(card.Contacts, cv)
	}
	// Open desks first, ended ones last.
	slices.SortStableFunc(card.Contacts, func(a, b views.ContactView) int { return deskRank(a.State) - deskRank(b.State) })
	if r.Verdict != store.Unaffected && r.Verdict != store.Outside {
		card.AllEnded = len(card.Contacts) > 0 && ended == len(card.Contacts)
		card.NoContacts = len(card.Contacts) == 0
	}
	return card
}

func deskRank(state string) int {
	return map[string]int{"open": 0, "closed_now": 1, "unknown": 2, "ended": 3}[state]
}

func sortedIncidents(ids map[string]bool, incidents map[string]store.Incident) []store.Incident {
	var out []store.Incident
	for id := range ids {
		if inc, ok := incidents[id]; ok {
			out = append(out, inc)
		}
	}
	slices.SortFunc(out, func(a, b store.Incident) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func incidentRef(inc store.Incident) views.IncidentRef {
	ref := views.IncidentRef{Title: inc.Title, URL: "/incidents/" + inc.ID, Excerpt: inc.Notice.Excerpt}
	if inc.Notice.RetrievedFrom != nil {
		ref.RetrievedFrom = *inc.Notice.RetrievedFrom
	}
	if inc.Published != nil {
		d := inc.Published.Day.Time()
		ref.Published = &d
	}
	if inc.Discovered != nil {
		d := inc.Discovered.Day.Time()
		ref.Discovered = &d
	}
	if days, ok := inc.DaysToAnnounce(); ok {
		ref.DaysToAnnounce = &days
	}
	return ref
}

// headline is the one sentence a stressed person reads first.
func headline(r store.UseResult, lead *store.PopulationResult) string {
	switch r.Verdict {
	case store.Unaffected:
		if r.Service.Unaffected != nil {
			return "会社は、このサービスの個人情報が流出した可能性はないと公表しています。"
		}
		return "この利用内容に当てはまる事案は、このサイトのデータにはありません。"
	case store.Outside:
		return "あなたの答えた時期は、この事案で対象とされた期間に含まれません。ほかの事案や安全を保証するものではありません。"
	case store.Unknown:
		return "時期が分からないため判定できません。下の対象期間とご自身の記録（カード明細、注文メールなど）を比べるか、時期を追加してください。"
	}
	p := lead.Population
	what := dataPhrase(p.Exposed)
	if r.Verdict == store.Partial {
		return partialSentence(*lead, what)
	}
	return "対象期間に含まれます。" + certaintySentence(p, what)
}

// partialSentence says what keeps a partial from being a match: the deciding
// instant and which side of it is inside, or who decides.
func partialSentence(pr store.PopulationResult, what string) string {
	p := pr.Population
	switch pr.Why {
	case store.NoPeriod:
		s := "この対象は期間が示されていないため、日付では判断できません。"
		if p.OnlySome != nil {
			s += p.OnlySome.Criteria + p.OnlySome.Who
		}
		return s
	case store.OnlySomeInside:
		return "答えた時期は対象期間に含まれますが、対象は一部の人だけです。" + p.OnlySome.Criteria + p.OnlySome.Who
	}
	if len(pr.Deciding) > 0 {
		b := pr.Deciding[0]
		at := views.JDateTime(b.At)
		if b.Approx {
			at += "頃"
		}
		if b.InsideAfter {
			return at + "以降なら対象期間に含まれ、" + what + "に関係します。それより前なら対象期間外です。"
		}
		return at + "より前なら対象期間に含まれ、" + what + "に関係します。それ以降なら対象期間外です。"
	}
	if pr.Why == store.NearApprox {
		return "答えた時期は、通知が「頃」とした対象期間の境目にかかっているため、どちらとも言えません。"
	}
	return "答えた時期の一部が対象期間に重なります。より詳しい日付で確かめてください。"
}

// certaintySentence is what a match means, never stronger than the notice.
func certaintySentence(p store.Population, what string) string {
	switch p.Certainty {
	case store.Leaked:
		return what + "が流出しました（流出が確認されています）。"
	case store.AccessedNoEvidence:
		return what + "を保管していたサーバーに不正アクセスがありましたが、調査では情報が流出した痕跡は見つかっていないとされています。"
	case store.DisclosedToParty:
		return what + "が" + p.DisclosedTo + "に届きました。それ以外への流出は通知に書かれていません。"
	case store.UnderInvestigation:
		return what + "が流出したかどうかは調査中とされています。"
	default:
		return what + "が流出した可能性があります。"
	}
}

func dataPhrase(classes []string) string {
	if slices.ContainsFunc(classes, store.IsCardClass) {
		return "カード情報"
	}
	if slices.Contains(classes, "password") || slices.Contains(classes, "password_hash") {
		return "ログイン情報などの登録情報"
	}
	return "登録情報"
}

// steps is "what to do now": the data classes' advice, most urgent first.
func steps(exposed map[string]bool, advice map[string]store.Advice, pops []store.PopulationResult) []string {
	var list []store.Advice
	for c := range exposed {
		if a, ok := advice[c]; ok && len(a.Steps) > 0 {
			list = append(list, a)
		}
	}
	slices.SortFunc(list, func(a, b store.Advice) int {
		if a.Priority != b.Priority {
			return a.Priority - b.Priority
		}
		return strings.Compare(a.Class, b.Class)
	})
	var out []string
	for _, a := range list {
		for _, s := range a.Steps {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	// Card advice covers card_info too; do not repeat it.
	if exposed["card_number"] && exposed["card_info"] {
		out = slices.DeleteFunc(out, func(s string) bool {
			return strings.HasPrefix(s, "カードの利用明細で、身に覚えのない請求がないか確認してください。")
		})
	}
	return out
}

var certaintyLabels = map[store.Certainty]string{
	store.Leaked:             "流出した（確認されている）",
	store.PossiblyLeaked:     "流出した可能性がある",
	store.UnderInvestigation: "流出したかどうかは調査中",
	store.DisclosedToParty:   "特定の相手に届いた（誤送信など）",
	store.AccessedNoEvidence: "不正アクセスはあったが、流出の痕跡は見つかっていない",
}

// countWords go around views.Count ("9,430件") as the notice's kind of number says.
var countWords = map[store.CountKind][2]string{
	store.CountMax:     {"最大 ", ""},
	store.CountExact:   {"", ""},
	store.CountAtLeast: {"", "以上"},
	store.CountAbout:   {"約 ", ""},
}

func populationView(p store.Population, v store.Verdict, why store.Why, deciding []store.Boundary, incidents map[string]store.Incident, advice map[string]store.Advice) views.PopulationView {
	inc := incidents[p.Incident]
	pv := views.PopulationView{Label: p.Label, Certainty: certaintyLabels[p.Certainty], MaxCount: p.MaxCount, CountNote: p.CountNote,
		Notes: p.Notes, Quote: p.Quote, Incident: inc.Title, Excerpt: inc.Notice.Excerpt}
	if p.Certainty == store.DisclosedToParty {
		pv.Certainty += "：" + p.DisclosedTo
	}
	if w, ok := countWords[p.CountKind]; ok && p.MaxCount != nil {
		pv.CountPrefix, pv.CountSuffix = w[0], w[1]
	}
	for _, c := range inc.Counts {
		if c.ID == p.CountGroup {
			w := countWords[c.Kind]
			pv.SharedCount = c.Label + "で" + w[0] + views.Count(c.Count) + w[1] + "（このグループだけの件数ではありません）"
		}
	}
	for _, o := range inc.Populations {
		if o.ID == p.Within {
			pv.Within = o.Label
		}
	}
	for _, d := range deciding {
		pv.Deciding = append(pv.Deciding, views.Boundary{At: d.At, InsideAfter: d.InsideAfter, Approx: d.Approx})
	}
	if p.OnlySome != nil {
		pv.OnlySome = &views.OnlySomeView{Criteria: p.OnlySome.Criteria, Who: p.OnlySome.Who}
	}
	if p.Inferred != "" {
		pv.Inferred = append(pv.Inferred, p.Inferred)
	}
	if p.Window != nil && p.Window.Inferred != "" {
		pv.Inferred = append(pv.Inferred, "対象期間: "+p.Window.Inferred)
	}
	if v != "" {
		pv.Verdict, pv.VerdictLabel = string(v), verdictLabel(v, why)
	}
	if p.Window != nil {
		pv.Window = views.Window{Stated: true, From: p.Window.From, To: p.Window.To}
	}
	for _, c := range p.Exposed {
		pv.Exposed = append(pv.Exposed, labelOf(advice, c))
	}
	for _, b := range p.Breakdown {
		labels := make([]string, len(b.Exposed))
		for i, c := range b.Exposed {
			labels[i] = labelOf(advice, c)
		}
		pv.Breakdown = append(pv.Breakdown, views.BreakdownView{Exposed: strings.Join(labels, "・"), Count: b.Count})
	}
	return pv
}

// labelOf names a data class in Japanese, from the advice file.
func labelOf(advice map[string]store.Advice, class string) string {
	if a, ok := advice[class]; ok && a.Label != "" {
		return a.Label
	}
	return class
}

// serviceName names a service id for people.
func (s *Server) serviceName(id string) string {
	if svc, err := s.db.Service(id); err == nil {
		return svc.Name
	}
	return id
}

// alsoMatched names, in one more sentence, other data inside the person's
// window (a colorme owner who paid by card: card data and account data).
func alsoMatched(r store.UseResult, lead *store.PopulationResult) string {
	if lead == nil {
		return ""
	}
	said := map[string]bool{dataPhrase(lead.Population.Exposed): true}
	var out string
	for _, p := range r.Populations {
		if p.Verdict != store.Match || p.Population.ID == lead.Population.ID {
			continue
		}
		what := dataPhrase(p.Population.Exposed)
		if said[what] {
			continue
		}
		said[what] = true
		switch p.Population.Certainty {
		case store.Leaked:
			out += what + "も流出しました（会社が流出を確認しています）。"
		case store.AccessedNoEvidence:
			out += what + "を保管していたサーバーにも不正アクセスがありました（流出の痕跡は見つかっていません）。"
		default:
			out += what + "も流出した可能性があります。"
		}
	}
	return out
}
