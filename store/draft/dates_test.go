package draft

import (
	"strings"
	"testing"
)

// points reads the dates of a text as the draft would and returns them in
// the point grammar, with 「~」 for approximate ones.
func points(text string) []string {
	x := analyse(NewText(text))
	var out []string
	for _, d := range x.dates {
		p := d.Point()
		if p == "" {
			p = "?"
		}
		if d.Approx {
			p += "~"
		}
		out = append(out, p)
	}
	return out
}

func TestDates(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"western", "2018年1月7日、不正アクセスが発生", []string{"2018-01-07"}},
		{"heisei", "平成28年7月11日", []string{"2016-07-11"}},
		{"reiwa year only", "令和5年に実施", []string{"2023"}},
		{"first year of an era", "令和元年5月1日", []string{"2019-05-01"}},
		{"showa", "昭和64年1月7日", []string{"1989-01-07"}},
		{"spaces from PDF extraction", "平成 29 年 2 月 13 日に", []string{"2017-02-13"}},
		{"western with spaces", "2007 年 1 月 1 日", []string{"2007-01-01"}},
		{"slash", "2021/10/14 お知らせ", []string{"2021-10-14"}},
		{"dot", "2021.10.14[お知らせ]", []string{"2021-10-14"}},
		{"zero padded", "2010年08月20日", []string{"2010-08-20"}},
		{"full-width digits", "２０１８年１月７日（日）", []string{"2018-01-07"}},
		{"weekday mark", "2018年1月7日(日) 20:04 | 検知", []string{"2018-01-07T20:04"}},
		{"weekday with holiday", "2019年5月6日(月・祝)", []string{"2019-05-06"}},
		{"year carried over", "平成28年7月11日 第一報\n7月13日 調査を依頼", []string{"2016-07-11", "2016-07-13"}},
		{"same year", "2019年3月1日に発覚し、同年5月2日に公表", []string{"2019-03-01", "2019-05-02"}},
		{"last year relative to the notice", "2020年2月1日\n昨年12月3日に不正アクセス", []string{"2020-02-01", "2019-12-03"}},
		{"this year relative to the notice", "2018年12月25日\n本年10月22日に発表しました", []string{"2018-12-25", "2018-10-22"}},
		{"month only", "2002年9月~", []string{"2002-09"}},
		{"end of month is approximate", "2019年5月末より", []string{"2019-05~"}},
		{"hours and minutes", "2018年10月17日22時05分から", []string{"2018-10-17T22:05"}},
		{"afternoon noon", "2022年7月1日午後0時20分", []string{"2022-07-01T12:20"}},
		{"morning", "2022年7月1日午前10時", []string{"2022-07-01T10:00"}},
		{"evening", "2月21日(水)17時より", []string{"?"}},
		{"colon time", "2018年1月25日(木) 9:26", []string{"2018-01-25T09:26"}},
		{"half past", "2022年7月1日15時半", []string{"2022-07-01T15:30"}},
		{"about", "3月14日(木)19時58分頃、異常を発見 2013年", []string{"2013-03-14T19:58~", "2013"}},
		{"same day with a time", "2013年3月14日に発見。同日22時50分頃、改ざんを発見", []string{"2013-03-14", "2013-03-14T22:50~"}},
		{"month and day with a weekday", "2024年11月22日\n(1) 11/21(木) 決済処理を実施", []string{"2024-11-22", "2024-11-21"}},
		{"month and day with a time", "2017.3.9\n・3/8 20:45 一斉送信", []string{"2017-03-09", "2017-03-08T20:45"}},
		{"a bare fraction is not a date", "2017年3月9日 1/2の確率", []string{"2017-03-09"}},
		{"weekday corrects a carried year", "2025年1月10日\n12月28日(土)に発覚", []string{"2025-01-10", "2024-12-28"}},
		{"year from a later date", "本日10月3日より設置\n平成28年7月11日 第一報", []string{"2016-10-03", "2016-07-11"}},
		{"notice year wins over a stale carried year", "2018年1月26日\n2017年3月15日以前は対象外です。\n1月22日までに完了", []string{"2018-01-26", "2017-03-15", "2018-01-22"}},
		{"impossible day", "2018年2月30日", nil},
		{"year of something else", "2025年間チケット", nil},
		{"fiscal year", "2016年度の決算", nil},
		{"glued to a longer number", "12019年5月1日", nil},
		{"dates in URLs are not dates", "https://blog.example.jp/2022/11/nippan.html", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := points(c.text)
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("points(%q) = %v, want %v", c.text, got, c.want)
			}
		})
	}
}

func TestYearNotes(t *testing.T) {
	cases := []struct {
		name, text string
		idx        int
		want       YearSource
		doubt      bool
	}{
		{"stated", "2018年1月7日", 0, YearStated, false},
		{"carried", "2016年6月27日(月)～7月29日(金)", 1, YearCarried, false},
		{"same year", "2019年3月1日、同年5月2日", 1, YearSame, false},
		{"from a later date", "10月3日より設置 平成28年7月11日", 0, YearLater, true},
		{"weekday that fits no year near", "2018年1月7日(月)", 0, YearStated, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := analyse(NewText(c.text))
			if len(x.dates) <= c.idx {
				t.Fatalf("dates %v", points(c.text))
			}
			d := x.dates[c.idx]
			if d.Year != c.want || (d.Doubt != "") != c.doubt {
				t.Errorf("year source %v doubt %q, want %v doubt=%v", d.Year, d.Doubt, c.want, c.doubt)
			}
		})
	}
}
