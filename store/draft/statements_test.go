package draft

import (
	"strings"
	"testing"
)

func TestNotAffected(t *testing.T) {
	cases := []struct {
		name, text string
		services   []string // services the statement names as not affected
		quoteHas   string
	}{
		{"another server",
			"※なお、今回問題が発生しました不正アクセスのあったサーバーは、本サイト固有のサービスであり、ゲオ店舗の個人情報、GEOオンラインの情報、「ゲオ宅配レンタル」及び「ジャンブルストアオンライン 」などの事業に関しては、不正アクセスが行われたサーバーとは別のサーバーで運営を行っており、不正アクセスの疑いのある痕跡は認められておらず、個人情報流出の可能性はございません。",
			[]string{"ゲオ店舗", "GEOオンライン", "ゲオ宅配レンタル", "ジャンブルストアオンライン"}, "別のサーバー"},
		{"another company's server", "※店舗にてご利用できる「世界堂会員カ-ド」会員様の情報は、全く別の企業様のサ-バにて管理されているため、一切漏えいはございません。",
			[]string{"世界堂会員カ-ド"}, "一切漏えいはございません"},
		{"no leak before a day", "(※2)2017年3月15日以前に本サービス利用料金をクレジットカードにてお支払いいただいたショップオーナー様の情報流出はございません。", nil, "2017年3月15日以前"},
		{"people excluded, not a service", "ただし、「[案内資料をお持ちの方専用]受講お申込みページ」からお申込みの方は対象外です。", nil, "対象外"},
		{"the cases listed below", "※以下のお客様はクレジットカード情報の流出の対象ではございません。\n-----\n・該当期間であってもクレジットカード決済以外をご利用のお客様\n・会員登録のみのお客様\n次の段落",
			nil, "会員登録のみのお客様"},
		{"以下の場合は当てはまりません", "以下の場合は当てはまりません。\n・店頭でのお支払い\n・代金引換", nil, "代金引換"},
		{"the company itself is no service", "なお、弊社は、上記(1)~(3)のクレジットカード情報を除き、他のクレジットカード情報を一切保持しておらず、情報流出はございません。", nil, "情報流出はございません"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sts := findStatements(NewText(c.text))
			if len(sts) == 0 {
				t.Fatal("no statement found")
			}
			if got := strings.Join(sts[0].Services, "|"); got != strings.Join(c.services, "|") {
				t.Errorf("services %q, want %q", got, strings.Join(c.services, "|"))
			}
			if !strings.Contains(sts[0].Quote, c.quoteHas) {
				t.Errorf("quote %q lacks %q", sts[0].Quote, c.quoteHas)
			}
		})
	}
}

func TestOrganisationsAndServices(t *testing.T) {
	cases := []struct {
		name, text     string
		org, kind      string
		services       string
		serviceDomains string
	}{
		{"self reference", "このたび、GMOペパボ株式会社(以下、「弊社」)が運営するネットショップ運営サービス「カラーミーショップ」(以下、「本サービス」)において",
			"GMOペパボ株式会社", "company", "カラーミーショップ", ""},
		{"signature line", "2018年12月25日\nお客様各位\nディー・エル・マーケット株式会社\n本年10月22日に発表しました弊社運営の「DLmarket」(以下、「本件サービス」といいます)における",
			"ディー・エル・マーケット株式会社", "company", "DLmarket", ""},
		{"two sites and their domains", "この度、弊社オンラインショップ「STYLE STORE(http://stylestore.jp/)」及び「COCOMO(http://cocomo.to/)」(以下「当サイト」といいます)において、",
			"", "company", "STYLE STORE|COCOMO", "stylestore.jp|cocomo.to"},
		{"an association that names itself", "このたび、当協会が運営する通販サイト「e-ながさきどっとこむ」におきまして、2024年5月22日当協会が運営する「e-ながさきどっとこむ」のサイトを停止",
			"", "association", "e-ながさきどっとこむ", ""},
		{"an investigator is not the author", "第三者調査機関「Payment Card Forensics株式会社」へ調査を依頼しました。弊社サイトにて",
			"", "company", "", ""},
		{"a vendor is not the author", "弊社運営のオンライン通販サイト「Honya Club.com(以下、ECサイトといいます)」に導入していた画面表示変換サービス(株式会社ショーケース提供)に対して不正アクセスがあり\n今回の対象はオンライン通販サイト「Honya Club.com」のみとなっております。",
			"", "company", "Honya Club.com", ""},
		{"a learned society", "言語文化教育研究学会(以下「ALCE」)が会費等の決済に利用しております", "言語文化教育研究学会", "association", "", ""},
		{"a company on the heading line", "【セキュリティ事件簿#2023-009】カバーマーク株式会社 お客様情報漏洩の可能性に関するお詫びとお知らせ 2023年1月10日\n当社のECサイト「カバーマーク公式オンラインショップ」(以下、「当社ECサイト」といいます。)",
			"カバーマーク株式会社", "company", "カバーマーク公式オンラインショップ", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Build(c.text, Options{ID: "x"})
			o := d.Orgs[0]
			if o.Name != c.org || o.Kind != c.kind {
				t.Errorf("organisation %q (%s), want %q (%s)", o.Name, o.Kind, c.org, c.kind)
			}
			var names, domains []string
			for _, s := range findServices(NewText(c.text)) {
				names = append(names, s.Name)
				if s.Domain != "" {
					domains = append(domains, s.Domain)
				}
			}
			if strings.Join(names, "|") != c.services || strings.Join(domains, "|") != c.serviceDomains {
				t.Errorf("services %v %v, want %q %q", names, domains, c.services, c.serviceDomains)
			}
		})
	}
}

func TestPublication(t *testing.T) {
	cases := []struct{ name, text, day, inferred string }{
		{"letterhead", "2016年6月24日\n\nお客様各位\n", "2016-06-24", ""},
		{"era letterhead", "平成23年6月8日\nお客様各位", "2011-06-08", ""},
		{"with a word", "2018年06月04日お知らせ\n健康食品通販サイトにおける…", "2018-06-04", ""},
		{"本日 with a carried year", "本件に関する専用のお客様窓口を以下にて本日10月3日より設置し\n平成28年7月11日 第一報", "2016-10-03", "年は「平成28年7月11日」から"},
		{"a period is not a letterhead", "2013年4月1日〜2016年7月27日\n当サイトにてご利用されたお客様", "", ""},
		{"a dated sentence is not a letterhead", "2023年3月17日、本件サイトを利用したお客様のクレジットカード情報の漏洩懸念を弊社", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Build(c.text, Options{ID: "x"})
			day, inf := "", ""
			if d.Published != nil {
				day, inf = d.Published.Day, d.Published.Inferred
			}
			if day != c.day || inf != c.inferred {
				t.Errorf("published %q (%q), want %q (%q)", day, inf, c.day, c.inferred)
			}
		})
	}
}
