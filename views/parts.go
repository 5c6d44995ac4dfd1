package views

import (
	"context"
	"html"
	"io"

	"github.com/a-h/templ"
)

// Elements of the result page's loops written in Go, byte for byte what
// their templ versions wrote: templ formats each attribute value with
// fmt.Sprint (a copy and an allocation) and passes each class list through
// its CSS processor (a few more), and on a five-service result these
// elements come to some forty — a third of the page's allocations. Step 1's
// options (option.go) are written the same way. Each is pinned by
// TestPartsMatchTemplates against the templ it replaces.

// htmlWriter writes strings to w, escaped where asked, keeping the first
// error.
type htmlWriter struct {
	w   io.Writer
	err error
}

// raw writes s as it is.
func (h *htmlWriter) raw(s string) {
	if h.err == nil {
		_, h.err = io.WriteString(h.w, s)
	}
}

// text writes s escaped, as templ escapes text and attribute values.
func (h *htmlWriter) text(s string) {
	if needsEscape(s) {
		s = html.EscapeString(s)
	}
	h.raw(s)
}

// OverviewItem is a row of the overview: the service, linking to its card,
// and a chip per line.
func OverviewItem(r OverviewRow) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		h := htmlWriter{w: w}
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
		return h.err
	})
}

// Population is a group's details: its label, its verdict (when there is
// one) and the body, rendered at start (Body) or here.
func Population(p PopulationView) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		h := htmlWriter{w: w}
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
		if p.Explanation != "" {
			h.raw(`<p>`)
			h.text(p.Explanation)
			h.raw(`</p>`)
		}
		if h.err != nil {
			return h.err
		}
		if p.Body != "" {
			h.raw(p.Body)
		} else if err := PopulationBody(p).Render(ctx, w); err != nil {
			return err
		}
		h.raw(`</div>`)
		return h.err
	})
}

// ServiceCardBlock is one service's card: the answers, a line per kind of
// data, and the details behind them.
func ServiceCardBlock(c ServiceCard) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		h := htmlWriter{w: w}
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
			h.text(SpansText(a.Spans))
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
		if c.Unaffected != nil && h.err == nil {
			h.err = QuoteBlock(c.Unaffected.Quote).Render(ctx, w)
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
			for _, pop := range c.Populations {
				if h.err == nil {
					h.err = Population(pop).Render(ctx, w)
				}
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
				h.text(IncidentDates(inc))
				h.raw(`</p>`)
			}
			h.raw(`</details>`)
		}
		h.raw(`</article>`)
		return h.err
	})
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
	if l.Classes != "" {
		h.raw(`<p class="classes">`)
		h.text(l.Classes)
		h.raw(`</p>`)
	}
	if l.Detail != "" {
		h.raw(`<p class="line-detail">`)
		h.text(l.Detail)
		h.raw(`</p>`)
	}
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
