package views

import "github.com/a-h/templ"

// The layout written in Go for the result page, which is written in Go
// whole (result_body.go): byte for byte what Layout (layout.templ) writes
// around its children, pinned by TestLayoutPartsMatchTemplate. Every other
// page uses Layout itself.

// layoutStart writes what Layout writes before its children.
func (h *htmlWriter) layoutStart(m *Meta) {
	h.raw(`<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>`)
	if m.Title != "" {
		h.text(m.Title)
		h.raw(`｜`)
	}
	h.text(SiteName)
	h.raw(`</title>`)
	if m.Description != "" {
		h.raw(`<meta name="description" content="`)
		h.text(m.Description)
		h.raw(`">`)
	}
	if m.NoIndex {
		h.raw(`<meta name="robots" content="noindex">`)
	}
	h.raw(`<meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light"><link rel="stylesheet" href="`)
	h.text(string(templ.URL(m.CSS))) // sanitised as templ does an href
	h.raw(`">`)
	if m.Icon != "" {
		h.raw(` <link rel="icon" href="`)
		h.text(m.Icon)
		h.raw(`">`)
	} else {
		h.raw(`<link rel="icon" href="/favicon.ico" sizes="any">`)
	}
	if m.JS != "" {
		h.raw(`<script src="`)
		h.text(m.JS)
		h.raw(`" defer></script>`)
	}
	h.raw(`</head><body><a class="skip" href="#main">本文へ移動</a><header class="site"><a class="brand" href="/">`)
	h.text(SiteName)
	h.raw(`</a><nav aria-label="サイト内"><ul><li><a href="/check"`)
	h.current(m.Nav == "check")
	h.raw(`>確認する</a></li><li><a href="/incidents"`)
	h.current(m.Nav == "incidents")
	h.raw(`>事案一覧</a></li><li><a href="/about"`)
	h.current(m.Nav == "about")
	h.raw(`>仕組み</a></li></ul></nav></header><main id="main" tabindex="-1">`)
}

func (h *htmlWriter) current(is bool) {
	if is {
		h.raw(` aria-current="page"`)
	}
}

// layoutEnd writes what Layout writes after its children.
func (h *htmlWriter) layoutEnd() {
	h.raw(`</main><footer class="site"><p>各社が公表した通知だけをもとにしています。入力内容はサーバーに保存されません。</p><p><a href="/about#privacy">プライバシー</a>・<a href="/api/v1/incidents">オープンデータ（JSON）</a></p></footer></body></html>`)
}
