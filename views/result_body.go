package views

import (
	"context"
	"html"

	"github.com/a-h/templ"
)

// Result is the result page, written in Go whole, layout included
// (layout.go), into one buffer: the parts (parts.go) are called directly
// rather than through a component each, and the permalink, which the page
// shows three times, is escaped once. Pinned against the templ version it
// replaced by TestResultMatchesTemplate.
func Result(p ResultPage) templ.Component {
	return written(func(ctx context.Context, h *htmlWriter) {
		h.layoutStart(&p.Meta)
		h.resultBody(ctx, &p)
		h.layoutEnd()
	})
}

// resultBody is what the page holds inside <main>.
func (h *htmlWriter) resultBody(ctx context.Context, p *ResultPage) {
	h.raw(`<h1>確認結果</h1><div class="overall" data-testid="overall">`)
	for _, s := range p.Overall {
		h.raw(`<p>`)
		h.text(s)
		h.raw(`</p>`)
	}
	if p.OutsideNote {
		h.raw(`<p class="small">「対象期間外」は、その事案についての判定です。安全を保証するものではありません。</p>`)
	}
	h.raw(`</div>`)
	permalink := p.Permalink
	if needsEscape(permalink) {
		permalink = html.EscapeString(permalink)
	}
	// Without script a link to the save section; the script adds copy,
	// share (Web Share API) and print.
	h.raw(`<div class="share-tools" role="group" aria-label="この結果の保存と共有"><button type="button" class="button tool" data-share="copy" data-url="`)
	h.raw(permalink)
	h.raw(`" hidden>リンクをコピー</button> <button type="button" class="button tool" data-share="share" data-url="`)
	h.raw(permalink)
	h.raw(`" hidden>共有</button> <button type="button" class="button tool" data-share="print" hidden>印刷</button> <a class="button tool" href="#save">保存のしかた</a></div><p class="share-status" role="status"></p> `)
	if len(p.Overview) > 0 {
		h.raw(`<nav class="overview" aria-label="サービスごとの判定"><ul>`)
		for i := range p.Overview {
			h.overviewItem(&p.Overview[i])
		}
		h.raw(`</ul></nav>`)
	}
	for i := range p.Cards {
		h.serviceCard(ctx, &p.Cards[i])
	}
	h.raw(` `)
	if len(p.Todo.Steps) > 0 || len(p.Todo.Notes) > 0 {
		h.todoSection(&p.Todo)
	}
	h.raw(` `)
	if len(p.Desks) > 0 {
		h.deskSection(p)
	}
	h.raw(` <section id="save" class="save" aria-labelledby="save-h"><h2 id="save-h">この結果を保存・共有する</h2><p>このページをブックマークすると、同じ回答での判定をいつでも開けます。リンクにはあなたの回答が含まれるため、共有は信頼できる人だけにしてください。</p><label for="permalink">このページのリンク</label> <input type="text" id="permalink" readonly value="`)
	h.raw(permalink)
	h.raw(`" class="permalink"><p class="small">判定日時: `)
	h.text(JStamp(p.Computed))
	h.raw(`・データ更新日: `)
	h.text(JDate(p.DataUpdated))
	h.raw(`</p><p class="button-row"><a class="button" href="`)
	h.text(p.EditURL)
	h.raw(`">回答を変更する</a> <a class="button" href="/check?new=1">別のサービスを確認する</a></p></section>`)
}
