package draft

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// seed is what starts a population: a window in which people's actions make
// them affected, or a count of affected people or records.
type seed struct {
	line  int
	win   *Window
	count int // index into analysis.counts, -1 for a window seed
}

var targetWords = regexp.MustCompile(`流出|漏えい|漏洩|漏れ|閲覧|不正取得|取得され|不正ログイン|不正アクセス|対象|影響|誤送信|誤送付|添付|件数`)

// buildPopulations groups the seeds by the part of the text they stand in
// (a numbered part speaks of one group) and reads each group's data items,
// count, certainty and whether only some people in it were affected.
func buildPopulations(t *Text, x *analysis, id string) []Population {
	story := x.windows
	x.windows = slices.Clone(story)
	promoteAttacks(x.windows, x.pub)
	defer func() { x.windows = story }()
	groups, order := groupSeeds(t, x)
	var pops []Population
	for _, sc := range order {
		pops = append(pops, groupPopulations(t, x, sc, groups[sc])...)
	}
	pops = append(pops, listPopulations(t, x, order)...)
	pops = dropRepeatedCounts(pops)
	pops = mergeSplitFacts(pops)
	pops = lendClasses(pops)
	if len(pops) == 0 {
		if p, ok := fallbackPopulation(t, x); ok {
			pops = append(pops, p)
		}
	}
	countPop := map[int]int{}
	for i := range pops {
		pops[i].ID = fmt.Sprintf("%s-%d", id, i+1)
		if pops[i].countIdx >= 0 {
			countPop[pops[i].countIdx] = i
		}
	}
	for i := range pops {
		if c := pops[i].countIdx; c >= 0 && x.counts[c].Within >= 0 {
			if j, ok := countPop[x.counts[c].Within]; ok {
				pops[i].Within = pops[j].ID
				pops[i].Doubt = append(pops[i].Doubt, fmt.Sprintf("「うち」: %s の内数と読んだ", pops[j].ID))
			}
		}
	}
	return pops
}

func groupSeeds(t *Text, x *analysis) (map[scope][]seed, []scope) {
	groups := map[scope][]seed{}
	var order []scope
	add := func(s seed) {
		sc := scopeOf(t, x.levels, s.line)
		if _, ok := groups[sc]; !ok {
			order = append(order, sc)
		}
		groups[sc] = append(groups[sc], s)
	}
	var counted []scope
	for _, c := range x.counts {
		if !x.lines[c.line] && countsPeople(t, x, c) {
			counted = append(counted, scopeOf(t, x.levels, c.line))
		}
	}
	// A period repeated in a later part (「…までに決済に利用されたクレジット
	// カード」 under 「お客様へのお願い」) is the same group, unless that part
	// gives a count of its own: then it is another group with the same period.
	// Where a period is stated both in the story and in a part with a count,
	// the part with the count is the group's definition.
	countedKey := map[string]bool{}
	for i := range x.windows {
		w := &x.windows[i]
		if slices.Contains(counted, scopeOf(t, x.levels, t.lineAt(w.Span.s))) {
			countedKey[w.key()] = true
		}
	}
	seen := map[string]scope{}
	for i := range x.windows {
		w := &x.windows[i]
		if w.Kind != KindAction && w.Kind != KindUnclear {
			continue
		}
		sc := scopeOf(t, x.levels, t.lineAt(w.Span.s))
		if countedKey[w.key()] && !slices.Contains(counted, sc) {
			continue
		}
		if first, ok := seen[w.key()]; ok && (first == sc || !slices.Contains(counted, sc)) {
			continue
		}
		if refines(groups, w) {
			continue
		}
		seen[w.key()] = sc
		seen[w.dayKey()] = sc
		add(seed{line: t.lineAt(w.Span.s), win: w, count: -1})
	}
	for i, c := range x.counts {
		if x.lines[c.line] || !countsPeople(t, x, c) {
			continue
		}
		add(seed{line: c.line, count: i})
	}
	slices.SortStableFunc(order, func(a, b scope) int { return a.a - b.a })
	for _, sc := range order {
		slices.SortStableFunc(groups[sc], func(a, b seed) int { return a.line - b.line })
	}
	return groups, order
}

// refines replaces a day-precision window already seeded by w when w is the
// same period to the minute (「2020年7月20日から2020年10月27日までの期間」
// and later 「2020年7月20日20:49~2020年10月27日13:47の期間中」).
func refines(groups map[scope][]seed, w *Window) bool {
	for _, ss := range groups {
		for i, s := range ss {
			if s.win == nil || s.win.key() == w.key() || s.win.dayKey() != w.dayKey() {
				continue
			}
			finer := *w
			finer.Doubt = append(slices.Clone(w.Doubt), "同じ期間が日単位でも書かれている: "+s.win.FromPoint()+"〜"+s.win.ToPoint())
			if len(w.FromPoint()) >= len(s.win.FromPoint()) && len(w.ToPoint()) >= len(s.win.ToPoint()) {
				ss[i].win = &finer
			}
			return true
		}
	}
	return false
}

// countsPeople reports whether a count stands among words of a leak (or
// under a heading of one): 「不正にポイント交換をされた件数」 is not a group.
func countsPeople(t *Text, x *analysis, c Count) bool {
	sn := t.sentence(c.s)
	ctx := t.Norm[sn.s:sn.e] + t.line(prevContentLine(t, c.line))
	sc := scopeOf(t, x.levels, c.line)
	ctx += t.line(sc.a)
	return targetWords.MatchString(ctx)
}

// groupPopulations makes the populations of one part: one per window, then
// one per further headline count; table rows and counts of one data item are
// the breakdown of the part's first population.
func groupPopulations(t *Text, x *analysis, sc scope, seeds []seed) []Population {
	cl := classesIn(t, sc, x.lines)
	var pops []Population
	var rows []Breakdown
	seenN := map[int]bool{}
	var winLines []int
	for _, s := range seeds {
		if s.win != nil {
			winLines = append(winLines, s.line)
		}
	}
	for _, s := range seeds {
		if s.win == nil {
			continue
		}
		own := cl
		if len(winLines) > 1 {
			// several periods in one part: each reads the items below it, up
			// to the next period (「…決済をされたお客様…以下のとおりです。・カード
			// 名義人名…」 then 「また、…会員登録されたお客様…」)
			own = classesIn(t, subScope(sc, winLines, s.line), x.lines)
		}
		pops = append(pops, windowPopulation(t, x, s.win, sc, own))
	}
	for _, s := range seeds {
		if s.count < 0 {
			continue
		}
		c := x.counts[s.count]
		if b, ok := breakdownRow(t, c); ok {
			rows = append(rows, b)
			continue
		}
		if seenN[c.N] {
			continue
		}
		seenN[c.N] = true
		i := slices.IndexFunc(pops, func(p Population) bool { return p.countIdx < 0 })
		if i < 0 || c.Within >= 0 {
			p := countPopulation(t, x, s.count, sc, cl)
			if len(pops) > 0 && pops[len(pops)-1].Window != nil && c.Within < 0 {
				p.Window, p.WindowQuote, p.WindowWhy = pops[len(pops)-1].Window, pops[len(pops)-1].WindowQuote, pops[len(pops)-1].WindowWhy
				p.Doubt = append(p.Doubt, "同じ期間の別の群か、内訳か確認")
			}
			pops = append(pops, p)
			continue
		}
		setCount(t, &pops[i], x.counts[s.count], s.count)
	}
	if len(pops) == 0 && len(rows) > 0 {
		pops = append(pops, Population{countIdx: -1, scope: sc, Exposed: cl.Exposed, Quote: rows[0].Quote})
	}
	if len(pops) > 0 {
		pops[0].Breakdown = dropEchoRow(rows, pops[0].MaxCount)
		if len(pops[0].Exposed) == 0 && len(rows) > 0 {
			pops[0].Exposed = unionRows(rows)
		}
	}
	for i := range pops {
		finish(t, x, &pops[i], cl)
	}
	return pops
}

// subScope is the stretch of a part from the period on line n to the line
// before the next period (the first period also takes the part's heading).
func subScope(sc scope, winLines []int, n int) scope {
	out := scope{n, sc.b}
	if winLines[0] == n {
		out.a = sc.a
	}
	for _, l := range winLines {
		if l > n {
			out.b = l - 1
			break
		}
	}
	return out
}

// dropEchoRow removes a one-row table that only repeats the total
// (「カード番号のみ | 22件」 under 「…情報:22件」): its items are the group's.
func dropEchoRow(rows []Breakdown, total int) []Breakdown {
	if len(rows) == 1 && rows[0].Count == total {
		return nil
	}
	return rows
}

func unionRows(rows []Breakdown) []string {
	var out []string
	for _, r := range rows {
		for _, c := range r.Exposed {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// breakdownRow reads a count that belongs to a data item rather than to a
// group: a table row whose first cell lists items, or 「銀行口座情報:10,235件」.
func breakdownRow(t *Text, c Count) (Breakdown, bool) {
	ln := t.lines[c.line]
	line := t.Norm[ln.s:ln.e]
	if k := strings.Index(line, "|"); k >= 0 && ln.s+k < c.s {
		cell := line[:k]
		hs := termsIn(cell, ln.s, true)
		if isList(cell, hs, ln.s) {
			sp := t.trimmed(c.line)
			return Breakdown{Exposed: settle(classesOf(hs), false), Count: c.N, Quote: t.Quote(sp.s, sp.e)}, true
		}
		return Breakdown{}, false
	}
	before := t.Norm[ln.s:c.s]
	if k := lastAny(before, "、", "。", "...", "(", ")"); k >= 0 {
		before = before[k:]
	}
	label := strings.Trim(before, " :：")
	hs := termsIn(label, 0, true)
	if len(hs) == 1 && hs[0].s == 0 && hs[0].e == len(label) {
		a, _ := clauseBounds(t, c.s, c.e)
		if k := lastAny(t.Norm[a:c.s], "、", ","); k >= 0 {
			a += k
		}
		return Breakdown{Exposed: []string{hs[0].class}, Count: c.N, Quote: t.Quote(a, c.e)}, true
	}
	return Breakdown{}, false
}

func classesOf(hs []hit) []string {
	var out []string
	for _, h := range hs {
		if !slices.Contains(out, h.class) {
			out = append(out, h.class)
		}
	}
	return out
}

func windowPopulation(t *Text, x *analysis, w *Window, sc scope, cl Classes) Population {
	p := Population{Window: w, countIdx: -1, scope: sc, Exposed: slices.Clone(cl.Exposed)}
	p.WindowQuote = windowQuote(t, w)
	p.Quote = p.WindowQuote
	p.verbs = widened(t, w)
	var why []string
	for _, d := range []*Date{w.From, w.To} {
		if d != nil && d.Year != YearStated && !sameSpan(w, d, x.dates) {
			why = append(why, d.yearNote(t, x.dates))
		}
		if d != nil && d.Doubt != "" {
			p.Doubt = append(p.Doubt, d.Doubt)
		}
	}
	if w.Inferred != "" {
		why = append(why, w.Inferred)
	}
	p.WindowWhy = strings.Join(slices.Compact(why), "、")
	p.Doubt = append(p.Doubt, w.Doubt...)
	if w.From == nil || w.To == nil {
		p.Doubt = append(p.Doubt, "片側が開いた期間: 反対側の端を確認")
	}
	return p
}

// sameSpan reports whether a carried year comes from the window's other end
// (「2016年6月27日(月)～7月29日(金)」): then nothing is inferred.
func sameSpan(w *Window, d *Date, ds []Date) bool {
	return w.From != nil && w.To != nil && d == w.To && d.Year == YearCarried && d.YearFrom >= 0 && d.YearFrom < len(ds) && ds[d.YearFrom].s == w.From.s
}

// windowQuote is the period's line, with the bracket heading above it and
// the line below when that line says who (「上記期間内に…入力された方」).
func windowQuote(t *Text, w *Window) string {
	n := t.lineAt(w.Span.s)
	sp := t.trimmed(n)
	if runeLen(t.Norm[sp.s:sp.e]) > 160 {
		sp = w.Sent
		if runeLen(t.Norm[sp.s:sp.e]) > 200 {
			sp.s, sp.e = clauseBounds(t, w.Span.s, w.Span.e)
		}
		return t.Quote(sp.s, sp.e)
	}
	if shortLine(t, n, w.Span) {
		if p := prevContentLine(t, n); p >= 0 && bracketHeading.MatchString(strings.TrimSpace(t.line(p))) {
			sp.s = t.trimmed(p).s
		}
		if nx := nextContentLine(t, n); nx >= 0 && actionWords.MatchString(t.line(nx)) && !datedRe.MatchString(t.line(nx)) && headingLevel(t.line(nx)) != 1 {
			sp.e = t.trimmed(nx).e
		}
	}
	return t.Quote(sp.s, sp.e)
}

func countPopulation(t *Text, x *analysis, ci int, sc scope, cl Classes) Population {
	p := Population{countIdx: -1, scope: sc, Exposed: slices.Clone(cl.Exposed)}
	setCount(t, &p, x.counts[ci], ci)
	p.Quote = x.counts[ci].Quote
	p.CountQuote = ""
	sn := t.sentence(x.counts[ci].s)
	p.verbs = t.Norm[sn.s:sn.e] + t.line(sc.a)
	return p
}

func setCount(t *Text, p *Population, c Count, ci int) {
	p.MaxCount, p.CountKind, p.countIdx = c.N, c.Kind, ci
	p.CountQuote = c.Quote
	p.Label = c.Label
	if c.Kind == "" {
		p.Doubt = append(p.Doubt, "件数に「最大」「約」の記載なし: exact か確認")
	}
	p.Doubt = append(p.Doubt, c.Doubt...)
	if c.Unit != "件" && c.Unit != "名" && c.Unit != "人" {
		p.Doubt = append(p.Doubt, "件数の単位は「"+c.Unit+"」")
	}
}

// finish reads what every population needs from its own words and its part.
func finish(t *Text, x *analysis, p *Population, cl Classes) {
	if p.Quote == p.CountQuote {
		p.CountQuote = ""
	}
	local := p.Quote + "\n" + t.line(p.scope.a) + "\n" + p.verbs + "\n" + chapterIntro(t, x.levels, p.scope)
	p.Certainty = certaintyOf(local, t.Norm)
	p.Negated = cl.Negated
	if len(p.Exposed) == 0 {
		p.Doubt = append(p.Doubt, "流出した項目をこの節から読めなかった")
	}
	if cl.Hashed && slices.Contains(p.Exposed, "password_hash") {
		p.Doubt = append(p.Doubt, "「ハッシュ化」の記載から password_hash: "+cl.HashQuote)
	}
	if cl.Encrypted {
		p.Doubt = append(p.Doubt, "暗号化の記載あり: "+cl.CryptQuote)
	}
	if m := onlySomeRe.FindStringIndex(p.verbs + p.Quote); m != nil {
		p.OnlySome = p.Quote
	}
	if p.Label == "" && p.Window != nil {
		p.Label = strings.TrimSpace(firstRunes(t.line(nextContentLine(t, t.lineAt(p.Window.Span.s))), 40))
		if !actionWords.MatchString(p.Label) {
			p.Label = ""
		}
	}
}

// chapterIntro is the text between a part's chapter heading and its first
// part: 「■今回調査で判明した件数 / 2014年9月当時に漏えいしていたことが判明
// した件数は以下の通り」 says how sure the parts below it are.
func chapterIntro(t *Text, levels []int, sc scope) string {
	if sc.a >= len(levels) || levels[sc.a] != 2 {
		return ""
	}
	h := -1
	for p := sc.a - 1; p >= 0; p-- {
		if levels[p] == 1 {
			h = p
			break
		}
	}
	if h < 0 {
		return ""
	}
	var b strings.Builder
	for p := h; p < len(levels) && p < sc.a && (p == h || levels[p] != 2); p++ {
		b.WriteString(t.line(p))
		b.WriteString("\n")
	}
	return b.String()
}

// listPopulations makes a group of a part of the text that lists data items
// in words of a leak but gives no period and no count (「管理画面への不正
// アクセスによって…情報の一部(メールアドレス/氏名/会員ID)が流出している
// 可能性」, or a chapter 「流出した個人情報の内容」 of bullets).
func listPopulations(t *Text, x *analysis, seeded []scope) []Population {
	var out []Population
	seen := map[string]bool{}
	done := map[scope]bool{}
	for n := range t.lines {
		sc := scopeOf(t, x.levels, n)
		if done[sc] || slices.Contains(seeded, sc) || x.lines[n] || isFootnote(t.line(n)) {
			continue
		}
		hs := listClasses(t, n)
		if len(hs) == 0 || !leakWord.MatchString(t.line(n)+t.line(sc.a)+t.line(prevContentLine(t, n))) {
			continue
		}
		done[sc] = true
		cl := classesIn(t, sc, x.lines)
		key := strings.Join(cl.Exposed, ",")
		if len(cl.Exposed) < 2 || seen[key] {
			continue
		}
		seen[key] = true
		sn := t.sentence(hs[0].s)
		p := Population{countIdx: -1, scope: sc, Exposed: cl.Exposed, Quote: t.Quote(sn.s, sn.e), verbs: t.Norm[sn.s:sn.e]}
		if runeLen(p.Quote) > 200 {
			a, b := clauseBounds(t, hs[0].s, hs[len(hs)-1].e)
			p.Quote = t.Quote(a, b)
		}
		p.Doubt = append(p.Doubt, "項目だけの記載: 別の群か、他の群の項目か確認")
		finish(t, x, &p, cl)
		out = append(out, p)
	}
	return out
}

// dropRepeatedCounts folds a group that repeats another's count without a
// period of its own into that group: notices state the total in the opening
// and again in the part that lists the items.
func dropRepeatedCounts(pops []Population) []Population {
	var out []Population
	for _, p := range pops {
		if p.Window != nil || p.MaxCount == 0 || p.Within != "" {
			out = append(out, p)
			continue
		}
		i := slices.IndexFunc(out, func(o Population) bool { return o.MaxCount == p.MaxCount && o.scope != p.scope && o.Within == "" })
		if i < 0 {
			out = append(out, p)
			continue
		}
		for _, e := range p.Exposed {
			if !slices.Contains(out[i].Exposed, e) {
				out[i].Exposed = append(out[i].Exposed, e)
			}
		}
		if len(p.Exposed) > 0 {
			out[i].Doubt = slices.DeleteFunc(out[i].Doubt, func(d string) bool { return d == "流出した項目をこの節から読めなかった" })
			out[i].Doubt = append(out[i].Doubt, "項目は同じ件数を挙げる別の箇所から: "+p.Quote)
		}
	}
	// a count-only group whose count a group with a period also has is that group
	return slices.DeleteFunc(out, func(p Population) bool {
		return p.Window == nil && p.MaxCount > 0 && p.Within == "" && slices.ContainsFunc(out, func(o Population) bool { return o.Window != nil && o.MaxCount == p.MaxCount })
	})
}

// lendClasses gives the data items of the one items-only group to the groups
// that name none, when the text lists its items once for all of them.
func lendClasses(pops []Population) []Population {
	only := -1
	for i, p := range pops {
		if p.Window == nil && p.MaxCount == 0 && len(p.Exposed) > 0 {
			if only >= 0 {
				return pops
			}
			only = i
		}
	}
	if only < 0 {
		return pops
	}
	lent := false
	for i := range pops {
		if i != only && generic(pops[i].Exposed) {
			pops[i].Exposed = settle(append(slices.Clone(pops[i].Exposed), pops[only].Exposed...), false)
			pops[i].Doubt = slices.DeleteFunc(pops[i].Doubt, func(d string) bool { return d == "流出した項目をこの節から読めなかった" })
			pops[i].Doubt = append(pops[i].Doubt, "項目は本文の別の箇所から: "+pops[only].Quote)
			lent = true
		}
	}
	if lent {
		return slices.Delete(pops, only, only+1)
	}
	return pops
}

// generic reports whether a group names no data item more precise than
// 「クレジットカード情報」 or 「その他」.
func generic(cs []string) bool {
	return !slices.ContainsFunc(cs, func(c string) bool { return c != "card_info" && c != "other" })
}

// mergeSplitFacts joins a part that gives only the period with the one part
// that gives only the count: excerpts and short notices often say 「期間に…
// 入力された方」 in one place and 「4,722件」 in another.
func mergeSplitFacts(pops []Population) []Population {
	var winOnly, countOnly []int
	for i, p := range pops {
		switch {
		case p.Window != nil && p.countIdx < 0:
			winOnly = append(winOnly, i)
		case p.Window == nil && p.countIdx >= 0 && p.Within == "":
			countOnly = append(countOnly, i)
		}
	}
	if len(winOnly) != 1 || len(countOnly) != 1 {
		return pops
	}
	w, c := &pops[winOnly[0]], pops[countOnly[0]]
	w.MaxCount, w.CountKind, w.countIdx = c.MaxCount, c.CountKind, c.countIdx
	w.CountQuote = c.Quote
	if w.Label == "" {
		w.Label = c.Label
	}
	for _, e := range c.Exposed {
		if !slices.Contains(w.Exposed, e) {
			w.Exposed = append(w.Exposed, e)
		}
	}
	w.Exposed = settle(w.Exposed, false)
	w.Doubt = append(w.Doubt, "期間と件数は本文の別の箇所から: 同じ群か確認")
	return slices.Delete(pops, countOnly[0], countOnly[0]+1)
}

// fallbackPopulation is the one group a text implies when it names no period
// and no count: the people of its leak sentence.
func fallbackPopulation(t *Text, x *analysis) (Population, bool) {
	q := findSummary(t)
	if q == "" {
		return Population{}, false
	}
	all := scope{0, len(t.lines) - 1}
	cl := classesIn(t, all, x.lines)
	p := Population{countIdx: -1, scope: all, Exposed: cl.Exposed, Quote: q, verbs: q}
	p.Doubt = append(p.Doubt, "対象者の範囲（期間・件数）を本文から読めなかった")
	finish(t, x, &p, cl)
	return p, true
}

// activityOf reads the activity a population's words describe, with the
// kind the verb suggests: paying and entering are moments, holding an
// account or running a shop is a tenure.
func activityOf(s string) (id, kind string) {
	for _, a := range activityRules {
		if a.re.MatchString(s) {
			return a.id, a.kind
		}
	}
	return "", ""
}

var activityRules = []struct {
	re       *regexp.Regexp
	id, kind string
}{
	{regexp.MustCompile(`寄付|寄附`), "donation", "moment"},
	{regexp.MustCompile(`(?:カード|クレジット)[^。]{0,20}(?:決済|支払|入力|登録|利用|使用)|決済`), "card", "moment"},
	{regexp.MustCompile(`購入|注文|買い?物|買取`), "order", "moment"},
	{regexp.MustCompile(`運営|出店|オーナー|店舗様`), "owner", "tenure"},
	{regexp.MustCompile(`会員|メンバー|アカウント`), "member", "tenure"},
	{regexp.MustCompile(`ログイン`), "login", "moment"},
	{regexp.MustCompile(`申込|申し込|応募|受講`), "apply", "moment"},
	{regexp.MustCompile(`登録`), "register", "moment"},
	{regexp.MustCompile(`利用|使用`), "use", "moment"},
}
