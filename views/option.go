package views

import (
	"context"
	"html"
	"io"

	"github.com/a-h/templ"
	templruntime "github.com/a-h/templ/runtime"
)

// serviceOption is one checkbox of step 1. It is written here rather than in
// check.templ because a page lists up to MaxListed of them and templ passes
// every { value } through fmt.Sprint, a copy and an escape: with 100
// options that was most of a search's time. The markup is what the
// template wrote, byte for byte; values are escaped as templ escapes them.
func serviceOption(o ServiceOption) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) (err error) {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf, isBuf := templruntime.GetBuffer(w)
		if !isBuf {
			defer func() {
				if e := templruntime.ReleaseBuffer(buf); err == nil {
					err = e
				}
			}()
		}
		// A Buffer remembers its first error and reports it on flush, so
		// the writes need no checking one by one.
		raw := func(s string) { buf.WriteString(s) }
		esc := func(s string) { buf.WriteString(html.EscapeString(s)) }
		raw(`<div class="option" data-service="`)
		esc(o.ID)
		raw(`" data-name="`)
		esc(o.Name)
		raw(`" data-keys="`)
		esc(o.Keys)
		raw(`"`)
		if o.Brand != "" {
			raw(` data-brand="`)
			esc(o.Brand)
			raw(`" data-inside-note="`)
			esc(o.InsideNote)
			raw(`"`)
		}
		if o.Hidden {
			raw(` hidden`)
		}
		raw(`><label for="svc-`)
		esc(o.ID)
		raw(`"><input type="checkbox" id="svc-`)
		esc(o.ID)
		raw(`" name="service" value="`)
		esc(o.ID)
		raw(`"`)
		if o.Checked {
			raw(` checked`)
		}
		raw(`> <span class="option-text"><span class="name">`)
		esc(o.Name)
		raw(`</span> <span class="small">`)
		esc(o.Operator)
		raw(`</span> `)
		if o.Note != "" {
			raw(`<span class="small tag">`)
			esc(o.Note)
			raw(`</span>`)
		}
		raw(`</span></label></div>`)
		return nil
	})
}
