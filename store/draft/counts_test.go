package draft

import (
	"fmt"
	"strings"
	"testing"
)

// countsOf renders each count as 「N unit kind」, with 「延べ」 and
// 「within:M」 where they apply.
func countsOf(text string) []string {
	x := analyse(NewText(text))
	var out []string
	for _, c := range x.counts {
		parts := []string{fmt.Sprintf("%d%s", c.N, c.Unit)}
		if c.Kind != "" {
			parts = append(parts, c.Kind)
		}
		if c.Cumulative {
			parts = append(parts, "延べ")
		}
		if c.Within >= 0 {
			parts = append(parts, fmt.Sprintf("within:%d", x.counts[c.Within].N))
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func TestCounts(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"maximum with a space", "流出した可能性のあるクレジットカード情報:最大 9,430件", []string{"9430件 max"}},
		{"plain", "【流出した可能性のある最大件数】\n- 38,313件", []string{"38313件 max"}},
		{"plain without a heading", "1)件数 684件", []string{"684件"}},
		{"people", "会員1,771名の情報", []string{"1771名"}},
		{"in brackets", "お客様のクレジットカード情報(4,722件)が流出した可能性", []string{"4722件"}},
		{"full-width digits", "最大１２，０３６件", []string{"12036件 max"}},
		{"cumulative", "延べ人数で最大 97,500 名分となります", []string{"97500名 max 延べ"}},
		{"part of an earlier count", "最大320店舗の管理者用ログインID・パスワード、うち39店舗の最大101,624件の会員様情報", []string{"320店舗 max", "39店舗 within:320", "101624件 max"}},
		{"N of M", "6月1日までに不正ログインされた323件中10件のIDにおいて", []string{"323件", "10件 within:323"}},
		{"about, in ten thousands", "約480万件のお客さま情報", []string{"4800000件 about"}},
		{"about, mixed units", "約3万7000件のクレジットカード情報", []string{"37000件 about"}},
		{"at least", "1,000件以上の情報", []string{"1000件 at_least"}},
		{"maximum stated after", "1,007,052件の注文情報。(重複の注文を含む最大件数となります。)", []string{"1007052件 max"}},
		{"the maximum on the line above", "③対象カード番号の最大件数\n7,741件", []string{"7741件 max"}},
		{"investigators are not counted", "セキュリティ専門機関2社によるフォレンジック調査", nil},
		{"digits of a card are not counted", "14~16桁の数値", nil},
		{"money is not counted", "1,000円相当分のクレジット", nil},
		{"zero is not a group", "運営中の店舗様数：0店舗", nil},
		{"dates are not counted", "2018年1月7日", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := countsOf(c.text)
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("counts(%q)\n got %v\nwant %v", c.text, got, c.want)
			}
		})
	}
}
