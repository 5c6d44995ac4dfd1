package draft

import (
	"slices"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestScoreDraft scores a small draft against a hand-made file written both
// ways (v1 `notice: x.txt`, v2 `notice: {file: x.txt}`): equal bounds in
// other words (through a day = until the next day) count as recovered.
func TestScoreDraft(t *testing.T) {
	notice := "2018年12月25日\n対象:2018年10月17日22時05分から2018年11月12日21時50分に決済された方 最大 7,741件\n" +
		"流出した情報: カード番号、有効期限\n■専用ダイヤル:0120-790-230\n■受付時間:9:30~18:30(土・日・祝祭日を含む)\n■報道関係者:03-1234-5678\n"
	d := Build(notice, Options{ID: "x-2018", File: "x.txt"})
	for _, v := range []string{"v1", "v2"} {
		t.Run(v, func(t *testing.T) {
			head := "notice: x.txt\n"
			if v == "v2" {
				head = "notice:\n  file: x.txt\n"
			}
			hand := map[string]any{}
			src := "id: x-2018\n" + head + `
populations:
  - window: {from: "2018-10-17T22:05", until: "2018-11-12T21:51"}
    exposed: [card_number, card_expiry, card_cvv]
    max_count: 7741
  - window: {through: "2019-01"}
    max_count: 5
contacts:
  - kind: phone
    value: "0120-790-230"
    hours: {days: every_day, open: "09:30", close: "18:30"}
    valid_from: "2018-12-25"
  - kind: phone
    value: "0120-000-000"
`
			if err := yaml.Unmarshal([]byte(src), &hand); err != nil {
				t.Fatal(err)
			}
			if got := NoticeName(hand); got != "x.txt" {
				t.Fatalf("notice %q", got)
			}
			s := ScoreDraft(hand, d)
			want := map[string]Ratio{"bounds": {2, 3}, "phones": {1, 2}, "hours": {1, 1}, "validity": {1, 1}, "counts": {1, 2}, "classes": {2, 3}}
			got := map[string]Ratio{"bounds": s.Bounds, "phones": s.Phones, "hours": s.Hours, "validity": s.Validity, "counts": s.Counts, "classes": s.Classes}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: %v, want %v", k, got[k], w)
				}
			}
			if !slices.Contains(s.FalsePhones, "03-1234-5678") {
				t.Errorf("the press number is in the draft but not the file: false phones %v", s.FalsePhones)
			}
			if len(s.FalseBounds) != 0 || len(s.FalseCounts) != 0 {
				t.Errorf("false bounds %v, counts %v", s.FalseBounds, s.FalseCounts)
			}
		})
	}
}
