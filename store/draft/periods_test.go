package draft

import (
	"fmt"
	"strings"
	"testing"
)

// windowsOf renders each window of a text as 「kind from..to」 with 「!」
// for an exclusive end and 「~」 for an approximate edge.
func windowsOf(text string) []string {
	x := analyse(NewText(text))
	var out []string
	for _, w := range x.windows {
		edge := func(d *Date, p string) string {
			if d != nil && d.Approx {
				return p + "~"
			}
			return p
		}
		to := edge(w.To, w.ToPoint())
		if w.Until {
			to += "!"
		}
		out = append(out, fmt.Sprintf("%s %s..%s", w.Kind, edge(w.From, w.FromPoint()), to))
	}
	return out
}

func TestPeriods(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"tilde range of a payment", "対象:2017年3月16日~2018年1月7日に本サービス利用料金をクレジットカードにてお支払いいただいたショップオーナー様",
			[]string{"action 2017-03-16..2018-01-07"}},
		{"wave dash", "2013年4月1日〜2016年7月27日 当サイトにてクレジットカードをご登録、ご利用されたお客様", []string{"action 2013-04-01..2016-07-27"}},
		{"full-width tilde", "2013年4月1日～2016年7月27日にご購入いただいたお客様", []string{"action 2013-04-01..2016-07-27"}},
		{"minus sign", "2018年1月1日−2018年1月31日にご注文いただいたお客様", []string{"action 2018-01-01..2018-01-31"}},
		{"minutes, from … to on the next line", "・2018年10月17日22時05分から2018年11月12日21時50分\n上記期間内に本件サービスにおいて、クレジットカード決済ページにクレジットカード番号を入力された方",
			[]string{"action 2018-10-17T22:05..2018-11-12T21:50"}},
		{"colon times", "2020年7月20日20:49~2020年10月27日13:47の期間中にクレジットカード情報を新規に入力されたお客様", []string{"action 2020-07-20T20:49..2020-10-27T13:47"}},
		{"until with までに is inclusive", "(2)2014年9月24日までに店舗に登録されていた会員様情報", []string{"action ..2014-09-24"}},
		{"以前 is inclusive and a not-affected statement is an exclusion", "(※2)2017年3月15日以前に本サービス利用料金をクレジットカードにてお支払いいただいたショップオーナー様の情報流出はございません。",
			[]string{"exclusion ..2017-03-15"}},
		{"以降 starts a window", "また、2014年9月25日以降に「CANMakeShop」をご利用の店舗様及び店舗様の会員様情報の漏えいはございません。", []string{"exclusion 2014-09-25.."}},
		{"より前 is exclusive", "2020年4月1日より前にご登録いただいたお客様", []string{"action ..2020-04-01!"}},
		{"未満 is exclusive", "2020年4月1日未満にご登録いただいたお客様", []string{"action ..2020-04-01!"}},
		{"より starts a window", "2021年3月10日よりご購入いただいたお客様", []string{"action 2021-03-10.."}},
		{"month precision", "なお、上記の情報は、2012年4月以前の登録情報であることが確認できております。", []string{"action ..2012-04"}},
		{"open month start", "2002年9月~ご利用のお客様", []string{"action 2002-09.."}},
		{"day only end, an attack", "不正アクセスにより、2011年4月17日から19日にかけて不正アクセスが行われました", []string{"attack 2011-04-17..2011-04-19"}},
		{"day only end with weekdays", "1. 不正ログインの発生日\n2015年7月4日(土)~6日(月)", []string{"attack 2015-07-04..2015-07-06"}},
		{"の間 of an attack", "海外(中国)のIPアドレスより2011年4月15日から4月23日の間に本サイトで使用していたサーバーに対し、不正アクセスが行われた形跡を確認いたしました。",
			[]string{"attack 2011-04-15..2011-04-23"}},
		{"にわたって, era years", "令和3年8月2日から令和4年1月25日にわたって不正にアクセスがなされ", []string{"attack 2021-08-02..2022-01-25"}},
		{"までの間, era years", "●平成27年4月1日~平成28年4月15日までの間、\n・当サイトにて会員情報をご登録・ご変更いただいたお客様", []string{"action 2015-04-01..2016-04-15"}},
		{"an approximate start", "2019年5月末より、メンバーのログイン機能に対して不正ログインが発生しました。", []string{"attack 2019-05~.."}},
		{"頃 on an edge", "2021年3月10日頃から2021年6月16日までにご購入いただいたお客様", []string{"action 2021-03-10~..2021-06-16"}},
		{"a desk's period", "専用ダイヤル設置期間：2016年6月27日(月)～7月29日(金)", []string{"contact 2016-06-27..2016-07-29"}},
		{"a desk's end", "専用ダイヤル設置期間：2016年7月29日(金)まで", []string{"contact ..2016-07-29"}},
		{"a notification period is no window", "対象のお客様には、2024年5月16日以降に、電子メールまたは書面にて個別にご連絡を差し上げております。", []string{"notify 2024-05-16.."}},
		{"spaces from PDF extraction", "2007 年 1 月 1 日~2008 年 3 月 22 日までに新規会員 登録をいただいた 122,884 名", []string{"action 2007-01-01..2008-03-22"}},
		{"a period read as unclear", "[対象期間]\n平成25年2月6日〜平成25年3月14日", []string{"unclear 2013-02-06..2013-03-14"}},
		{"attack and action in one sentence", "2020年1月9日から2020年5月29日までの期間に不正アクセスを受け、お客様のクレジットカード情報が漏えいした可能性", []string{"unclear 2020-01-09..2020-05-29"}},
		{"a year turn", "2023年12月1日\n12月28日〜1月5日にご注文いただいた方", []string{"action 2023-12-28..2024-01-05"}},
		{"a time-only end", "2023年5月1日10時~15時にご注文いただいた方", []string{"action 2023-05-01T10:00..2023-05-01T15:00"}},
		{"spaces around the tilde", "① 2019年5月28日 ~ 2019年6月1日 に不正ログイン", []string{"attack 2019-05-28..2019-06-01"}},
		{"a numbered day beside a period", "不正ログインが確認された期間 |\n---|\n① 2019年5月28日 ~ 2019年6月1日 ② 2019年6月22日 |", []string{"attack 2019-05-28..2019-06-01", "attack 2019-06-22..2019-06-22"}},
		{"a month-only end", "令和6年1月から3月までにご注文いただいたお客様", []string{"action 2024-01..2024-03"}},
		{"a closed service is no population's window", "なお本サイトは、2011年3月31日まで運営していた", []string{"other ..2011-03-31"}},
		{"a lone date is no window", "2014年9月25日、GMO メイクショップがWEBサイトで公表", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := windowsOf(c.text)
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("windows(%q)\n got %v\nwant %v", c.text, got, c.want)
			}
		})
	}
}

// TestAttackPeriods checks that an attack's period becomes the groups'
// window only when the text states no period of people's actions, and that
// an attack that only says when it began runs to the notice's date.
func TestAttackPeriods(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // from..to of each population
	}{
		{"only an attack period", "2015年7月13日\n1. 不正ログインの発生日\n2015年7月4日(土)~6日(月)\n不正ログインされた可能性のある件数 30,001件", []string{"2015-07-04..2015-07-06"}},
		{"an open attack closed at the notice date", "2014/06/26 不正アクセスについて\n6月23日から複数のアカウントに対する不正アクセスを検出しました。\n■不正アクセスを受けたアカウント数\n最大11,502件", []string{"2014-06-23..2014-06-26"}},
		{"an attack beside an order period stays in the story", "対象期間…2005年12月10日〜2011年3月31日にご購入いただいたお客様\n2011年4月15日から4月23日の間に不正アクセスが行われた", []string{"2005-12-10..2011-03-31"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Build(c.text, Options{ID: "x"})
			var got []string
			for _, p := range d.Populations {
				if p.Window != nil {
					got = append(got, p.Window.FromPoint()+".."+p.Window.ToPoint())
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("windows %v, want %v", got, c.want)
			}
		})
	}
}

func TestWindowsInTheDraft(t *testing.T) {
	// The window a population carries is written at the notice's precision,
	// with through for inclusive ends and until for exclusive ones.
	cases := []struct {
		name, text string
		want       []string
	}{
		{"through", "対象:2017年3月16日~2018年1月7日に利用料金をお支払いいただいた方", []string{`from: "2017-03-16"`, `through: "2018-01-07"`}},
		{"until", "2020年4月1日より前にご登録いただいたお客様", []string{`until: "2020-04-01"`}},
		{"approx", "2021年3月10日頃から2021年6月16日までにご購入いただいたお客様", []string{`approx: [from]`}},
		{"carried year is inferred", "2016年7月1日\n7月13日から7月20日までにご購入いただいたお客様", []string{`inferred: "年は「2016年7月1日」から"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := Build(c.text, Options{ID: "x"}).YAML()
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("draft lacks %s:\n%s", w, out)
				}
			}
		})
	}
}
