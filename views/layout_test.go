package views

import (
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"
)

// TestLayoutPartsMatchTemplate: the result page writes the layout in Go
// (layout.go); it must write what Layout writes around its children, for
// every kind of page head.
func TestLayoutPartsMatchTemplate(t *testing.T) {
	const child = "<p>§</p>"
	for _, m := range []Meta{
		{},
		{Title: "A&B<c>", Description: "説明\"'", NoIndex: true, CSS: "/static/result.1.css", JS: "/static/page.2.js", Nav: "check"},
		{Title: "事案一覧", CSS: "/static/style.css", Icon: "data:image/x-icon;base64,AA==", Nav: "incidents"},
		{CSS: "javascript:alert(1)", Nav: "about"},
	} {
		var want strings.Builder
		ctx := templ.WithChildren(context.Background(), templ.Raw(child))
		if err := Layout(m).Render(ctx, &want); err != nil {
			t.Fatal(err)
		}
		h := &htmlWriter{}
		h.layoutStart(&m)
		h.raw(child)
		h.layoutEnd()
		if got := string(h.b); got != want.String() {
			t.Errorf("%+v:\n got %s\nwant %s", m, got, want.String())
		}
	}
}
