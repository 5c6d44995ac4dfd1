package store

import (
	"math"
	"reflect"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
)

// plainDecode decodes a parsed document into the value into points to, for
// the plain YAML the data files are written in: mappings with string keys,
// sequences, strings, integers, booleans, nulls, anchors and aliases, into
// structs whose fields all name their YAML key. It reports false, having
// perhaps filled part of into, on anything else (a tag, a merge key, a block
// literal, a value of another type than its field's, an unknown or repeated
// key): the caller then decodes with goccy, for its result or for its error
// and line. What it accepts, goccy decodes to the same value.
//
// goccy's NodeToValue first turns the whole tree into generic maps to
// resolve anchors, then decodes it again by reflection, recomputing a
// struct's fields for every mapping: with 10,000 incident files that was
// 2 s of CPU and 700 MB of garbage, a third of start-up.
func plainDecode(body ast.Node, into any) bool {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() || body == nil {
		return false
	}
	d := plainDecoder{}
	return d.value(v.Elem(), body)
}

type plainDecoder struct {
	// anchors seen so far in document order; an alias before its anchor is
	// left to goccy.
	anchors map[string]ast.Node
}

func (d *plainDecoder) value(dst reflect.Value, n ast.Node) bool {
	switch x := n.(type) {
	case nil:
		return false
	case *ast.AnchorNode:
		if x.Name == nil || x.Name.GetToken() == nil || x.Value == nil {
			return false
		}
		if _, isNull := x.Value.(*ast.NullNode); isNull {
			return false
		}
		name := x.Name.GetToken().Value
		if _, again := d.anchors[name]; again {
			return false
		}
		// Registered after its value, so an alias inside its own anchor
		// is not followed.
		if !d.value(dst, x.Value) {
			return false
		}
		if d.anchors == nil {
			d.anchors = map[string]ast.Node{}
		}
		d.anchors[name] = x.Value
		return true
	case *ast.AliasNode:
		if x.Value == nil || x.Value.GetToken() == nil {
			return false
		}
		target, ok := d.anchors[x.Value.GetToken().Value]
		// A fresh copy of the anchored value, where goccy shares it: equal,
		// and the loader changes no decoded value.
		return ok && d.value(dst, target)
	case *ast.NullNode:
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
		return d.mapping(dst, n)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return false
		}
		out := reflect.MakeSlice(dst.Type(), len(seq.Values), len(seq.Values))
		for i, item := range seq.Values {
			if !d.value(out.Index(i), item) {
				return false
			}
		}
		dst.Set(out)
		return true
	case reflect.String:
		s, ok := n.(*ast.StringNode)
		if !ok || dst.Type() != stringType {
			return false
		}
		dst.SetString(s.Value)
		return true
	case reflect.Int:
		i, ok := n.(*ast.IntegerNode)
		if !ok {
			return false
		}
		var v int64
		switch x := i.Value.(type) {
		case int64:
			v = x
		case uint64: // how goccy holds a non-negative literal
			if x > math.MaxInt64 {
				return false
			}
			v = int64(x)
		default:
			return false
		}
		if dst.OverflowInt(v) {
			return false
		}
		dst.SetInt(v)
		return true
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			return false
		}
		dst.SetBool(b.Value)
		return true
	}
	return false
}

var stringType = reflect.TypeFor[string]()

func (d *plainDecoder) mapping(dst reflect.Value, n ast.Node) bool {
	m, ok := n.(ast.MapNode)
	if !ok {
		return false
	}
	fields, ok := yamlFields(dst.Type())
	if !ok {
		return false
	}
	var seen uint64
	for it := m.MapRange(); it.Next(); {
		key, ok := it.Key().(*ast.StringNode)
		if !ok {
			return false
		}
		i, known := fields[key.Value]
		if !known || seen&(1<<i) != 0 {
			return false
		}
		seen |= 1 << i
		if !d.value(dst.Field(i), it.Value()) {
			return false
		}
	}
	return true
}

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
