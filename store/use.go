package store

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Limits of the use grammar (design §5).
const (
	MaxUses      = 20
	MaxWhens     = 10
	MaxUseLength = 400
	EarliestYear = 1990
)

// Use is one thing a person did at a service, with when they did it.
// No whens means they do not know.
type Use struct {
	Service  string
	Activity string
	Whens    []When
}

// Key is "service.activity".
func (u Use) Key() string { return u.Service + "." + u.Activity }

// String prints the canonical form: service.activity[@when,when...].
func (u Use) String() string {
	if len(u.Whens) == 0 {
		return u.Key()
	}
	var b [128]byte
	return string(u.Append(b[:0]))
}

// Append writes String's form to b: every permalink and refinement link
// prints the page's uses.
func (u Use) Append(b []byte) []byte {
	b = append(append(append(b, u.Service...), '.'), u.Activity...)
	for i, w := range u.Whens {
		if i == 0 {
			b = append(b, '@')
		} else {
			b = append(b, ',')
		}
		b = w.append(b)
	}
	return b
}

// Known answers whether a service and activity id exist.
type Known interface {
	HasService(id string) bool
	HasActivity(service, activity string) bool
}

// UseError names the part of a use that is wrong, in Japanese.
type UseError struct {
	Index   int    // which use (0-based); -1 for the list as a whole
	Part    string // the offending text
	Message string
}

func (e *UseError) Error() string {
	if e.Index < 0 {
		return e.Message
	}
	return fmt.Sprintf("%d件目「%s」: %s", e.Index+1, e.Part, e.Message)
}

// ParseUses reads the use parameters of a check. now bounds dates from above.
func ParseUses(raw []string, known Known, now time.Time) ([]Use, error) {
	if len(raw) == 0 {
		return nil, &UseError{Index: -1, Message: "確認するサービスが指定されていません"}
	}
	if len(raw) > MaxUses {
		return nil, &UseError{Index: -1, Part: "", Message: fmt.Sprintf("一度に確認できるのは%d件までです（%d件指定されています）", MaxUses, len(raw))}
	}
	uses := make([]Use, 0, len(raw))
	for i, r := range raw {
		u, err := ParseUse(r, known, now)
		if err != nil {
			err.Index = i
			return nil, err
		}
		// At most MaxUses: a scan, without building each key.
		if slices.ContainsFunc(uses, func(o Use) bool { return o.Service == u.Service && o.Activity == u.Activity }) {
			return nil, &UseError{Index: i, Part: u.Key(), Message: "同じサービスと利用内容が2回指定されています"}
		}
		uses = append(uses, u)
	}
	return uses, nil
}

// ParseUse reads one service.activity[@when,...].
func ParseUse(s string, known Known, now time.Time) (Use, *UseError) {
	fail := func(part, msg string) (Use, *UseError) { return Use{}, &UseError{Part: clip(part), Message: msg} }
	if len(s) > MaxUseLength {
		return fail(s, fmt.Sprintf("長すぎます（%d文字まで）", MaxUseLength))
	}
	head, whens, hasAt := strings.Cut(s, "@")
	service, activity, ok := strings.Cut(head, ".")
	if !ok || service == "" || activity == "" {
		return fail(head, "「サービス.利用内容」の形で指定してください（例: dlmarket.card）")
	}
	if !known.HasService(service) {
		return fail(service, "このサービスは登録されていません")
	}
	if !known.HasActivity(service, activity) {
		return fail(activity, "このサービスにはこの利用内容がありません")
	}
	u := Use{Service: service, Activity: activity}
	if !hasAt {
		return u, nil
	}
	if whens == "" {
		return fail(s, "「@」の後に日付がありません")
	}
	n := strings.Count(whens, ",") + 1
	if n > MaxWhens {
		return fail(whens, fmt.Sprintf("日付は%d個までです", MaxWhens))
	}
	var seen []string // the answers so far, each printed once
	for rest, more := whens, true; more; {
		var text string
		text, rest, more = strings.Cut(rest, ",")
		w, err := ParseWhen(text, now)
		if err != nil {
			return Use{}, err
		}
		if w.Unknown && n > 1 {
			return fail(text, "「unknown」は他の日付と一緒には指定できません")
		}
		if n == 1 { // nothing to repeat
			u.Whens = append(u.Whens, w)
			break
		}
		key := w.String()
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		u.Whens = append(u.Whens, w)
	}
	if len(u.Whens) == 1 && u.Whens[0].Unknown {
		u.Whens = nil // "unknown" and no @ mean the same; print it one way
	}
	return u, nil
}

// ParseWhen reads point | point..point | point.. | ..point | unknown.
func ParseWhen(s string, now time.Time) (When, *UseError) {
	fail := func(part, msg string) (When, *UseError) { return When{}, &UseError{Part: clip(part), Message: msg} }
	if s == "unknown" {
		return When{Unknown: true}, nil
	}
	if s == "" {
		return fail(s, "日付が空です")
	}
	fromText, toText, isRange := strings.Cut(s, "..")
	if !isRange {
		p, err := checkedPoint(s, now)
		if err != nil {
			return When{}, err
		}
		return When{From: &p, To: &p}, nil
	}
	if fromText == "" && toText == "" {
		return fail(s, "期間の始まりか終わりのどちらかを指定してください")
	}
	var w When
	if fromText != "" {
		p, err := checkedPoint(fromText, now)
		if err != nil {
			return When{}, err
		}
		w.From = &p
	}
	if toText != "" {
		p, err := checkedPoint(toText, now)
		if err != nil {
			return When{}, err
		}
		w.To = &p
	}
	// Reversed only when it covers nothing: "2018..2018-05" runs forwards
	// even though its end is written more finely than its start.
	if w.From != nil && w.To != nil && !w.To.End().After(w.From.Start) {
		return fail(s, "期間の終わりが始まりより前になっています")
	}
	return w, nil
}

func checkedPoint(s string, now time.Time) (Point, *UseError) {
	p, err := ParsePoint(s)
	if err != nil {
		return Point{}, &UseError{Part: clip(s), Message: err.(*PointError).Reason}
	}
	if p.Start.Year() < EarliestYear {
		return Point{}, &UseError{Part: clip(s), Message: fmt.Sprintf("%d年より前の日付は指定できません", EarliestYear)}
	}
	if p.Start.After(now) {
		return Point{}, &UseError{Part: clip(s), Message: "未来の日付は指定できません"}
	}
	return p, nil
}

// clip keeps error messages short when the input is huge.
func clip(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
