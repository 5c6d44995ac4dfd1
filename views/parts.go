package views

import (
	"context"
	"html"
	"io"
	"sync"

	"github.com/a-h/templ"
)

// Elements of the result page's loops written in Go, byte for byte what
// their templ versions wrote: templ formats each attribute value with
// fmt.Sprint (a copy and an allocation) and passes each class list through
// its CSS processor (a few more), and on a five-service result these
// elements come to some forty — a third of the page's allocations. Step 1's
// options (option.go) are written the same way. Each is pinned against the
// output of the templ it replaced (TestPartsMatchTemplates,
// TestServiceCardMatchesTemplate, TestSectionsMatchTemplates).

// htmlWriter gathers a component's HTML in a pooled buffer and writes it to
// w once, at flush: one call through templ's writer per component instead
// of one per string.
type htmlWriter struct {
	w   io.Writer
	b   []byte
	err error // from a nested component
}

// htmlWriters are pooled with their buffers.
var htmlWriters = sync.Pool{New: func() any { return &htmlWriter{b: make([]byte, 0, 16<<10)} }}

func newHTML(w io.Writer) *htmlWriter {
	h := htmlWriters.Get().(*htmlWriter)
	h.w, h.b, h.err = w, h.b[:0], nil
	return h
}

// flush writes what was gathered and returns the writer to the pool; h is
// not used after.
func (h *htmlWriter) flush() error {
	err := h.err
	if err == nil {
		_, err = h.w.Write(h.b)
	}
	h.w = nil
	if cap(h.b) <= 256<<10 { // keep buffers of ordinary pages only
		htmlWriters.Put(h)
	}
	return err
}

// Write lets nested templ components write into the buffer.
func (h *htmlWriter) Write(p []byte) (int, error) {
	h.b = append(h.b, p...)
	return len(p), nil
}

// raw writes s as it is.
func (h *htmlWriter) raw(s string) { h.b = append(h.b, s...) }

// text writes s escaped, as templ escapes text and attribute values.
func (h *htmlWriter) text(s string) {
	if needsEscape(s) {
		s = html.EscapeString(s)
	}
	h.b = append(h.b, s...)
}

// para writes a paragraph of s, opened by open, when there is text.
func (h *htmlWriter) para(open, s string) {
	if s != "" {
		h.raw(open)
		h.text(s)
		h.raw(`</p>`)
	}
}

// written makes a component of a Go writer: its HTML gathers in a pooled
// buffer and is sent once; like templ's components, it renders nothing for
// a cancelled request.
func written(write func(ctx context.Context, h *htmlWriter)) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		h := newHTML(w)
		write(ctx, h)
		return h.flush()
	})
}

// component renders a nested templ component into the buffer.
func (h *htmlWriter) component(ctx context.Context, c templ.Component) {
	if h.err == nil {
		h.err = c.Render(ctx, h)
	}
}

// OverviewItem is a row of the overview: the service, linking to its card,
// and a chip per line.
func OverviewItem(r OverviewRow) templ.Component {
	return written(func(_ context.Context, h *htmlWriter) { h.overviewItem(&r) })
}

func (h *htmlWriter) overviewItem(r *OverviewRow) {
	h.raw(`<li><a href="#`)
	h.text(r.Anchor)
	h.raw(`"><span class="ov-name">`)
	h.text(r.Name)
	h.raw(`</span>  <span class="chips">`)
	for _, ch := range r.Chips {
		h.raw(`<span class="chip verdict-`)
		h.text(ch.Verdict)
		h.raw(`"><span class="icon" aria-hidden="true">`)
		h.raw(verdictIcon(ch.Verdict))
		h.raw(`</span>`)
		h.text(ch.Kind)
		h.raw(`: `)
		h.text(ch.Word)
		h.raw(`</span> `)
	}
	h.raw(`</span></a></li>`)
}

// Population is a group's details: its label, its verdict (when there is
// one) and the body, rendered at start (Body) or here.
func Population(p PopulationView) templ.Component {
	return written(func(ctx context.Context, h *htmlWriter) { h.population(ctx, &p) })
}

func (h *htmlWriter) population(ctx context.Context, p *PopulationView) {
	if p.Verdict != "" {
		h.raw(`<div class="population verdict-`)
		h.text(p.Verdict)
		h.raw(`">`)
	} else {
		h.raw(`<div class="population">`)
	}
	if p.Level == 3 {
		h.raw(`<h3>`)
		h.text(p.Label)
		h.raw(`</h3>`)
	} else {
		h.raw(`<h4>`)
		h.text(p.Label)
		h.raw(`</h4>`)
	}
	if p.VerdictLabel != "" {
		h.raw(`<p class="pop-verdict"><span class="icon" aria-hidden="true">`)
		h.text(verdictIcon(p.Verdict))
		h.raw(`</span>`)
		h.text(p.VerdictLabel)
		h.raw(`</p>`)
	}
	h.para(`<p>`, p.Explanation)
	if p.Body != "" {
		h.raw(p.Body)
	} else {
		h.component(ctx, PopulationBody(*p))
	}
	h.raw(`</div>`)
}

// ServiceCardBlock is one service's card: the answers, a line per kind of
// data, and the details behind them.
func ServiceCardBlock(c ServiceCard) templ.Component {
	return written(func(ctx context.Context, h *htmlWriter) { h.serviceCard(ctx, &c) })
}

func (h *htmlWriter) serviceCard(ctx context.Context, c *ServiceCard) {
	h.raw(`<article class="card verdict-`)
	h.text(c.Verdict)
	h.raw(`" id="`)
	h.text(c.Anchor)
	h.raw(`" aria-labelledby="`)
	h.text(c.Anchor)
	h.raw(`-h"><h2 id="`)
	h.text(c.Anchor)
	h.raw(`-h">`)
	h.text(c.Name)
	h.raw(`</h2><ul class="answers" aria-label="あなたの回答">`)
	for _, a := range c.Answers {
		h.raw(`<li><span class="act">`)
		h.text(a.Activity)
		h.raw(`</span> <span class="when">`)
		h.b = appendSpansText(h.b, a.Spans) // nothing to escape in it
		h.raw(`</span> `)
		if a.AddDateURL != "" {
			h.raw(`<a class="add-date" href="`)
			h.text(a.AddDateURL)
			h.raw(`">時期を追加して判定する</a>`)
		}
		h.raw(`</li>`)
	}
	h.raw(`</ul><ul class="lines">`)
	for i := range c.Lines {
		h.dataLine(&c.Lines[i])
	}
	h.raw(`</ul>`)
	if c.Unaffected != nil {
		h.component(ctx, QuoteBlock(c.Unaffected.Quote))
	}
	if c.Excerpt != nil {
		if c.Excerpt.URL != "" {
			h.raw(`<p class="small excerpt">この事案の情報は、公表されたページの冒頭部分の写しだけにもとづいています。件数や問い合わせ先など写しにない内容は、<a href="`)
			h.text(c.Excerpt.URL)
			h.raw(`" rel="noreferrer">写しを取った元のページ</a>で確認してください。</p>`)
		} else {
			h.raw(`<p class="small excerpt">この事案の情報は、公表されたページの冒頭部分の写しだけにもとづいています。件数や問い合わせ先など写しにない内容は、元のページで確認してください。</p>`)
		}
	}
	if len(c.Populations) > 0 {
		h.raw(`<details class="more"><summary>対象期間・件数・通知の原文など</summary> `)
		for i := range c.Populations {
			h.population(ctx, &c.Populations[i])
		}
		if len(c.Notes) > 0 {
			h.raw(`<h3 class="more-h">通知に書かれている、そのほかのこと</h3>`)
			for _, n := range c.Notes {
				h.raw(`<div class="company-note"><p>`)
				h.text(n.Text)
				h.raw(`</p>`)
				h.noteQuote(n.Quote)
				h.raw(`</div>`)
			}
		}
		for _, inc := range c.Incidents {
			h.raw(`<p class="small incident-ref">出典: <a href="`)
			h.text(inc.URL)
			h.raw(`">`)
			h.text(inc.Title)
			h.raw(`</a>`)
			if inc.Dates != "" {
				h.text(inc.Dates)
			} else {
				h.text(IncidentDates(inc))
			}
			h.raw(`</p>`)
		}
		h.raw(`</details>`)
	}
	h.raw(`</article>`)
}

// dataLine words one kind of data on a card, and what would settle it.
func (h *htmlWriter) dataLine(l *DataLine) {
	h.raw(`<li class="line verdict-`)
	h.text(l.Verdict)
	h.raw(`" data-kind="`)
	h.text(l.Kind)
	h.raw(`"><p class="line-head"><span class="icon" aria-hidden="true">`)
	h.text(verdictIcon(l.Verdict))
	h.raw(`</span> <span><strong class="kind">`)
	h.text(l.Label)
	h.raw(`</strong> <span class="verdict-text">`)
	h.text(l.Text)
	h.raw(`</span></span></p>`)
	h.para(`<p class="classes">`, l.Classes)
	h.para(`<p class="line-detail">`, l.Detail)
	if l.Reached != nil {
		h.raw(`<dl class="reached">`)
		if l.Reached.IfIn {
			h.raw(`<dt>届いたもの（対象の場合）</dt>`)
		} else {
			h.raw(`<dt>届いたもの</dt>`)
		}
		h.raw(`<dd>`)
		h.text(l.Reached.What)
		h.raw(`</dd><dt>届いた相手</dt><dd>`)
		h.text(l.Reached.Whom)
		h.raw(`</dd></dl>`)
	}
	if l.Refine != nil && l.Refine.AfterURL != "" {
		h.refine(l.Refine)
	}
	if l.Ask != nil {
		h.raw(`<div class="ask"><p class="ask-q">`)
		h.text(l.Ask.Question)
		h.raw(`</p><ul class="choices"><li><a class="button choice" href="`)
		h.text(l.Ask.YesURL)
		h.raw(`" data-testid="ask-yes">はい</a></li>`)
		if l.Ask.NoURL != "" {
			h.raw(`<li><a class="button choice" href="`)
			h.text(l.Ask.NoURL)
			h.raw(`" data-testid="ask-no">いいえ</a></li>`)
		}
		h.raw(`</ul></div>`)
	}
	h.raw(`</li>`)
}

// refine offers the one-tap answers that settle a boundary.
func (h *htmlWriter) refine(r *Refine) {
	before, after := RefineLabels(*r)
	h.raw(`<div class="refine"><p class="ask-q">どちらでしたか？</p><ul class="choices"><li><a class="button choice" href="`)
	h.text(r.BeforeURL)
	h.raw(`" data-testid="refine-before">`)
	h.text(before)
	h.raw(`</a></li><li><a class="button choice" href="`)
	h.text(r.AfterURL)
	h.raw(`" data-testid="refine-after">`)
	h.text(after)
	h.raw(`</a></li>`)
	if r.UnsureURL != "" {
		h.raw(`<li><a class="button choice" href="`)
		h.text(r.UnsureURL)
		h.raw(`" data-testid="refine-unsure">分からない</a></li>`)
	}
	h.raw(`</ul>`)
	if r.UnsureURL != "" {
		h.raw(`<p class="small">分からないときは、対象だったものとして「今すぐすること」をしてください。</p>`)
	}
	h.raw(`</div>`)
}

// noteQuote is a note's quote behind a small toggle beside it.
func (h *htmlWriter) noteQuote(q string) {
	if q != "" {
		h.raw(`<details class="quote"><summary>原文</summary><blockquote>`)
		h.text(q)
		h.raw(`</blockquote></details>`)
	}
}

// TodoSection is what to do now, once for the page.
func TodoSection(t Todo) templ.Component {
	return written(func(_ context.Context, h *htmlWriter) { h.todoSection(&t) })
}

func (h *htmlWriter) todoSection(t *Todo) {
	h.raw(`<section id="todo" class="todo" aria-labelledby="todo-h"><h2 id="todo-h">今すぐすること</h2>`)
	if t.Conditional {
		h.raw(`<p class="small">対象かどうかはまだ決まっていません。対象だった場合に備えて、次のことをしてください。</p>`)
	}
	if len(t.Steps) > 0 {
		h.raw(`<ol class="steps">`)
		for _, s := range t.Steps {
			h.raw(`<li>`)
			h.text(s.Text)
			h.raw(` `)
			if s.For != "" {
				h.raw(`<span class="for">（`)
				h.text(s.For)
				h.raw(`）</span> `)
			}
			for i := range s.Notes {
				h.companyNote(&s.Notes[i])
			}
			h.raw(`</li>`)
		}
		h.raw(`</ol>`)
	}
	if len(t.Notes) > 0 {
		h.raw(`<h3>各社からの案内</h3><ul class="company-notes">`)
		for i := range t.Notes {
			h.raw(`<li>`)
			h.companyNote(&t.Notes[i])
			h.raw(`</li>`)
		}
		h.raw(`</ul>`)
	}
	h.raw(`</section>`)
}

// companyNote is a company's own words, with its service's name.
func (h *htmlWriter) companyNote(n *NoteView) {
	h.raw(`<div class="company-note"><p><strong>`)
	h.text(n.Service)
	h.raw(`:</strong> `)
	h.text(n.Text)
	h.raw(`</p>`)
	h.noteQuote(n.Quote)
	h.raw(`</div>`)
}

// DeskSection is whom to call, a group per incident.
func DeskSection(p ResultPage) templ.Component {
	return written(func(_ context.Context, h *htmlWriter) { h.deskSection(&p) })
}

func (h *htmlWriter) deskSection(p *ResultPage) {
	h.raw(`<section id="desks" class="desks" aria-labelledby="desks-h"><h2 id="desks-h">問い合わせ先</h2>`)
	for gi := range p.Desks {
		g := &p.Desks[gi]
		h.raw(`<div class="desk-group"><h3>`)
		h.text(g.Heading)
		h.raw(`</h3>`)
		for i := range g.Live {
			h.contact(&g.Live[i])
		}
		switch {
		case g.NoDesk && g.Excerpt != nil:
			h.raw(`<p>手元にある通知の写し（ページの冒頭部分）には、問い合わせ先が含まれていません。写しを取った元のページで確認してください。</p>`)
			if g.Excerpt.URL != "" {
				h.raw(`<p><a class="button" href="`)
				h.text(g.Excerpt.URL)
				h.raw(`" rel="noreferrer">元のページを開く</a></p>`)
			}
		case g.NoDesk:
			h.raw(`<p>通知には、利用者向けの問い合わせ先が書かれていません。</p>`)
		case g.Excerpt != nil:
			if g.Excerpt.URL != "" {
				h.raw(`<p class="small">手元の写しはページの冒頭部分だけです。ほかの窓口は<a href="`)
				h.text(g.Excerpt.URL)
				h.raw(`" rel="noreferrer">写しを取った元のページ</a>で確認してください。</p>`)
			} else {
				h.raw(`<p class="small">手元の写しはページの冒頭部分だけです。ほかの窓口は元のページで確認してください。</p>`)
			}
		}
		if len(g.Live) == 0 && len(g.Ended) > 0 {
			h.raw(`<p>この事案の窓口は、すべて終了しています。</p>`)
		}
		if g.CardAdvice {
			h.raw(`<p class="card-advice">カードの不正利用が心配なときは、カード裏面に書かれたカード会社の番号に電話してください。</p>`)
		}
		for i := range g.Notes {
			h.companyNote(&g.Notes[i])
		}
		if len(g.Ended) > 0 {
			h.raw(`<ul class="ended-desks" aria-label="終了した窓口">`)
			for i := range g.Ended {
				h.raw(`<li>`)
				h.endedDesk(&g.Ended[i])
				h.raw(`</li>`)
			}
			h.raw(`</ul>`)
		}
		h.raw(`</div>`)
	}
	if p.PressDesks {
		h.raw(`<p class="small">報道関係者向けの窓口は、事案のページに載せています。</p>`)
	}
	h.raw(`</section>`)
}

// Contact is a desk that may still answer: a large button for its channel,
// phone, mail or web alike, then whether it answers now. A desk nobody has
// vouched for in over a year says so instead of computing today's hours.
func Contact(k ContactView) templ.Component {
	return written(func(_ context.Context, h *htmlWriter) { h.contact(&k) })
}

func (h *htmlWriter) contact(k *ContactView) {
	if k.State == "ended" {
		h.raw(`<div class="contact state-ended">`)
		h.endedDesk(k)
		h.raw(`</div>`)
		return
	}
	h.raw(`<div class="contact state-`)
	h.text(k.State)
	h.raw(`"><p class="contact-label">`)
	h.text(k.Label)
	h.raw(`</p><p class="contact-action">`)
	switch k.Kind {
	case "phone":
		h.raw(`<a class="button tel" href="`)
		h.text(k.Href)
		h.raw(`"><span class="glyph" aria-hidden="true">☎</span>`)
		h.text(k.Value)
		h.raw(`</a> `)
		if k.TollFree {
			h.raw(`<span class="small nowrap">通話料無料</span>`)
		}
	case "email":
		h.raw(`<a class="button mail" href="`)
		h.text(k.Href)
		h.raw(`"><span class="glyph" aria-hidden="true">✉</span>`)
		h.text(k.Value)
		h.raw(`</a>`)
	default:
		h.raw(`<a class="button web" href="`)
		h.text(k.Href)
		h.raw(`" rel="noreferrer">`)
		h.text(k.Value)
		h.raw(`</a>`)
	}
	h.raw(`</p>`)
	if k.Stale {
		h.raw(`<p class="status stale">`)
		if k.StaleYears > 0 && k.Announced != nil {
			h.text(JDate(*k.Announced))
			h.raw(`の通知で案内された窓口です（`)
			h.text(Itoa(k.StaleYears))
			h.raw(`年以上前）。終了日は書かれていませんが、今も受け付けているかは誰も公表していません。`)
		} else {
			h.raw(`いつ案内された窓口かは書かれておらず、今も受け付けているかは公表されていません。`)
		}
		h.raw(`</p>`)
	} else {
		h.raw(`<p class="status">`)
		switch k.State {
		case "open":
			h.raw(`<strong>受付中</strong> `)
		case "closed_now":
			if k.Next != nil {
				h.raw(`受付時間外（次は`)
				h.text(JDateWeekday(*k.Next))
				h.text(JClock(*k.Next))
				h.raw(`から） `)
			} else {
				h.raw(`受付時間外 `)
			}
		default:
			h.raw(`受付時間は書かれていません。 `)
		}
		if k.Holiday != "" {
			h.raw(`<span class="small">（本日は祝日「`)
			h.text(k.Holiday)
			h.raw(`」のため休み）</span> `)
		}
		if !k.EndStated {
			h.raw(`<span class="small">終了日は公表されていません。</span>`)
		}
		h.raw(`</p>`)
	}
	if k.Hours != "" {
		h.raw(`<p class="hours">`)
		if k.Stale {
			h.raw(`通知に書かれた受付時間: `)
		} else {
			h.raw(`受付時間: `)
		}
		h.text(k.Hours)
		h.raw(`</p>`)
	}
	h.para(`<p class="small">`, k.HoursNote)
	h.para(`<p class="small">`, k.Notes)
	if k.Audience != "" {
		h.raw(`<p class="small">対象: `)
		h.text(k.Audience)
		h.raw(`</p>`)
	}
	h.raw(`</div>`)
}

// endedDesk is an ended desk on one line: still named, so a number people
// remember is recognised, but not offered for calling.
func (h *htmlWriter) endedDesk(k *ContactView) {
	h.raw(`<p class="ended-line"><span class="ended-tag">終了</span>`)
	h.text(k.Label)
	h.raw(`: `)
	h.text(k.Value)
	if k.ValidTo != nil { // 「（2018年2月21日17時に終了）」
		h.raw(`（`)
		h.b = appendEndedText(h.b, *k.ValidTo)
		h.raw(`）`)
	}
	h.raw(`</p>`)
}
