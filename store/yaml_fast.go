package store

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	yamlv3 "go.yaml.in/yaml/v3"
)

// fastDecode decodes a data file with go.yaml.in/yaml/v3 (the maintained
// yaml.v3), for the plainest YAML only:
// one document of block or flow mappings and sequences, anchors and aliases,
// and scalars written on one line exactly as their value reads (quoted
// without escapes, or plain and unlike any number, boolean or null), into
// structs whose fields all name their key. It reports false, having perhaps
// filled part of into, on anything else, and on any error: the caller then
// parses with goccy, which stays the reference for what a file means and
// the source of every problem's message and line. What fastDecode accepts,
// goccy decodes to the same value (FuzzFastDecode checks it).
//
// goccy's parser made 200 KB of garbage per incident file and was half of
// start-up's CPU with 10,000 incidents; yaml/v3 parses the same file in half
// the time with a third of the garbage.
func fastDecode(b []byte, into any) bool {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() || !singleDocument(b) {
		return false
	}
	var doc yamlv3.Node
	if err := yamlv3.Unmarshal(b, &doc); err != nil {
		return false
	}
	if doc.Kind != yamlv3.DocumentNode || len(doc.Content) != 1 {
		return false
	}
	d := fastDecoder{src: b}
	return d.value(v.Elem(), doc.Content[0])
}

// singleDocument: yaml.v3 reads the first document only, goccy all of them
// (and rejects a file for an error in any), so a file with document markers
// or directives is left to goccy.
func singleDocument(b []byte) bool {
	for line := range bytes.Lines(b) {
		if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) || bytes.HasPrefix(line, []byte("%")) {
			return false
		}
	}
	return true
}

type fastDecoder struct {
	src   []byte
	lines []int // byte offset of each line's start, built on first use
}

func (d *fastDecoder) value(dst reflect.Value, n *yamlv3.Node) bool {
	if n.Kind == yamlv3.AliasNode {
		// A fresh copy of the anchored value, where goccy shares it: equal,
		// and the loader changes no decoded value.
		return n.Alias != nil && n.Alias != n && d.value(dst, n.Alias)
	}
	if n.Style&(yamlv3.TaggedStyle|yamlv3.LiteralStyle|yamlv3.FoldedStyle) != 0 {
		return false
	}
	if n.Kind == yamlv3.ScalarNode && n.Tag == "!!null" {
		if n.Style != 0 || (n.Value != "" && n.Value != "null" && n.Value != "~") || n.Anchor != "" {
			return false
		}
		dst.SetZero()
		return true
	}
	switch dst.Kind() {
	case reflect.Pointer:
		elem := reflect.New(dst.Type().Elem())
		if !d.value(elem.Elem(), n) {
			return false
		}
		dst.Set(elem)
		return true
	case reflect.Struct:
		if n.Kind != yamlv3.MappingNode {
			return false
		}
		fields, ok := yamlFields(dst.Type())
		if !ok {
			return false
		}
		var seen uint64
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yamlv3.ScalarNode || k.Tag != "!!str" || k.Style != 0 || k.Anchor != "" || !d.verbatim(k) {
				return false
			}
			f, known := fields[k.Value]
			if !known || seen&(1<<f) != 0 {
				return false
			}
			seen |= 1 << f
			if !d.value(dst.Field(f), n.Content[i+1]) {
				return false
			}
		}
		return len(n.Content)%2 == 0
	case reflect.Slice:
		if n.Kind != yamlv3.SequenceNode {
			return false
		}
		out := reflect.MakeSlice(dst.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if !d.value(out.Index(i), item) {
				return false
			}
		}
		dst.Set(out)
		return true
	}
	if n.Kind != yamlv3.ScalarNode || !d.verbatim(n) {
		return false
	}
	switch dst.Kind() {
	case reflect.String:
		if dst.Type() != stringType || n.Tag != "!!str" || (n.Style == 0 && !plainString(n.Value)) {
			return false
		}
		dst.SetString(n.Value)
		return true
	case reflect.Int:
		if n.Tag != "!!int" || n.Style != 0 || !decimal(n.Value) {
			return false
		}
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return false
		}
		dst.SetInt(i)
		return true
	case reflect.Bool:
		if n.Tag != "!!bool" || n.Style != 0 || (n.Value != "true" && n.Value != "false") {
			return false
		}
		dst.SetBool(n.Value == "true")
		return true
	}
	return false
}

// verbatim reports whether a scalar is written on its line exactly as its
// value reads: plain, or quoted with nothing to unescape. Then the two
// parsers cannot read it differently (folding, escapes, multi-line quotes).
func (d *fastDecoder) verbatim(n *yamlv3.Node) bool {
	line, ok := d.line(n.Line)
	if !ok || n.Column < 1 {
		return false
	}
	// Column counts characters, not bytes.
	for range n.Column - 1 {
		_, size := utf8.DecodeRune(line)
		if size == 0 {
			return false
		}
		line = line[size:]
	}
	if n.Anchor != "" {
		return false // the column is the anchor's; keep it simple
	}
	var want string
	switch n.Style {
	case 0:
		want = n.Value
		if want == "" || strings.ContainsAny(want, "\t\r\n") {
			return false
		}
	case yamlv3.DoubleQuotedStyle:
		if strings.ContainsAny(n.Value, "\\\"\t\r\n") {
			return false
		}
		want = `"` + n.Value + `"`
	case yamlv3.SingleQuotedStyle:
		if strings.ContainsAny(n.Value, "'\t\r\n") {
			return false
		}
		want = "'" + n.Value + "'"
	default:
		return false
	}
	return bytes.HasPrefix(line, []byte(want))
}

func (d *fastDecoder) line(n int) ([]byte, bool) {
	if d.lines == nil {
		d.lines = append(d.lines, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	if n < 1 || n > len(d.lines) {
		return nil, false
	}
	start, end := d.lines[n-1], len(d.src)
	if n < len(d.lines) {
		end = d.lines[n] - 1
	}
	return d.src[start:end], true
}

// plainString: a plain scalar read as a string by yaml.v3 that no YAML
// version or parser would take for a number, a boolean, a null or a date.
// Those are all written in ASCII, so text with any other character is a
// string whatever it starts with (2019年4月…).
func plainString(s string) bool {
	for _, c := range []byte(s) {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '+', c == '-', c == '.', c == '~', c == '<', c == '=':
		return false
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// decimal: an integer as plain digits, no sign but minus, no leading zero,
// no separators, which every YAML reader reads alike.
func decimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

var stringType = reflect.TypeFor[string]()

var fieldCache sync.Map // reflect.Type → map[string]int, or nil when not plain

// yamlFields maps a struct's YAML keys to its field indexes; false when a
// field does not simply name its key (no tag, options such as inline,
// unexported) or there are too many to track as bits.
func yamlFields(t reflect.Type) (map[string]int, bool) {
	if f, ok := fieldCache.Load(t); ok {
		m := f.(map[string]int)
		return m, m != nil
	}
	m := map[string]int{}
	if t.NumField() > 64 {
		m = nil
	}
	for i := 0; m != nil && i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("yaml")
		if !f.IsExported() || name == "" || name == "-" || strings.Contains(name, ",") {
			m = nil
			break
		}
		m[name] = i
	}
	fieldCache.Store(t, m)
	return m, m != nil
}
