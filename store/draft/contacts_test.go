package draft

import (
	"fmt"
	"strings"
	"testing"
)

// desks renders each contact of a text as
// 「kind value class | days open-close | from..through/until | audience」.
func desks(text string) []string {
	x := analyse(NewText(text))
	var out []string
	for _, c := range x.contacts {
		s := c.Kind + " " + c.Value
		if c.Class != "" {
			s += " " + c.Class
		}
		if h := c.Hours; h != nil {
			s += fmt.Sprintf(" | %s %s-%s", h.Days, h.Open, h.Close)
		}
		if c.ValidFrom != "" || c.ValidThrough != "" || c.ValidUntil != "" {
			s += " | " + c.ValidFrom + ".." + c.ValidThrough
			if c.ValidUntil != "" {
				s += c.ValidUntil + "!"
			}
		}
		if len(c.Audience) > 0 {
			s += " | " + strings.Join(c.Audience, ",")
		}
		out = append(out, s)
	}
	return out
}

func TestPhones(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"hyphen, free dial", "電話：0120-778-308", []string{"phone 0120-778-308 free_dial"}},
		{"minus sign", "0120−007−090", []string{"phone 0120−007−090 free_dial"}},
		{"long vowel mark as a dash", "専用ダイヤル 0120ー790ー230", []string{"phone 0120ー790ー230 free_dial"}},
		{"hyphen U+2010", "TEL 0120‐123‐456", []string{"phone 0120‐123‐456 free_dial"}},
		{"full-width digits and dash", "電話番号：０１２０－１２３－４５６", []string{"phone ０１２０－１２３－４５６ free_dial"}},
		{"brackets after the area code", "電話 03(1234)5678", []string{"phone 03(1234)5678 area"}},
		{"brackets around the area code", "電話 (03)1234-5678", []string{"phone (03)1234-5678 area"}},
		{"full-width brackets", "電話 03（1234）5678", []string{"phone 03（1234）5678 area"}},
		{"IP phone", "電話番号:050-3204-4543", []string{"phone 050-3204-4543 ip"}},
		{"0800 free access", "0800-123-4567", []string{"phone 0800-123-4567 free_dial"}},
		{"navi dial", "0570-000-123", []string{"phone 0570-000-123 navi_dial"}},
		{"mobile", "090-1234-5678", []string{"phone 090-1234-5678 mobile"}},
		{"area code", "株式会社ゲオ 情報管理課\n0568−33−4388", []string{"phone 0568−33−4388 area"}},
		{"a date is not a phone", "2018-01-07 に発生", nil},
		{"a card number is not a phone", "4980-1234-5678-9012", nil},
		{"a postcode is not a phone", "〒100-0001 東京都", nil},
		{"too few digits", "03-1234", nil},
		{"too many digits", "0120-123-456-789", nil},
		{"e-mail", "メールアドレス:help@shop-pro.jp", []string{"email help@shop-pro.jp"}},
		{"web form", "お問い合わせフォーム: https://example.jp/contact/", []string{"web https://example.jp/contact/"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := desks(c.text)
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("desks(%q)\n got %v\nwant %v", c.text, got, c.want)
			}
		})
	}
}

func TestDeskHoursAndPeriods(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"weekdays only, am/pm", "電話番号:050-3204-4543\n受付時間:午前10時~午後7時(平日のみ)", []string{"phone 050-3204-4543 ip | weekdays 10:00-19:00"}},
		{"weekends and holidays included, table", "専用ダイヤル | 0120-620-621(フリーダイヤル) |\n---|---|\nメールアドレス | help@shop-pro.jp |\n受付時間 | 午前9時~午後9時(土日祝日を含む) |",
			[]string{"phone 0120-620-621 free_dial | every_day 09:00-21:00", "email help@shop-pro.jp"}},
		{"土・日・祝祭日を含む", "■専用ダイヤル:0120-790-230\n■受付時間:9:30~18:30(土・日・祝祭日を含む)", []string{"phone 0120-790-230 free_dial | every_day 09:30-18:30"}},
		{"土日祝除く", "お問い合わせ窓口 0120-111-222\n受付時間 10:00～17:00（土日祝除く）", []string{"phone 0120-111-222 free_dial | weekdays 10:00-17:00"}},
		{"平日 before the hours, with a period until a day", "電話：0120-778-308\n専用ダイヤル設置期間：2016年7月29日(金)まで\n受付：平日9:00～18:00",
			[]string{"phone 0120-778-308 free_dial | weekdays 09:00-18:00 | ..2016-07-29"}},
		{"a period from … to", "電話：0120-180-600\n専用ダイヤル設置期間：2016年6月27日(月)～7月29日(金)\n受付：平日9:00～18:00",
			[]string{"phone 0120-180-600 free_dial | weekdays 09:00-18:00 | 2016-06-27..2016-07-29"}},
		{"a dash between the hours", "0120−007−090\n受付時間 10:00−19:00(平日のみ)", []string{"phone 0120−007−090 free_dial | weekdays 10:00-19:00"}},
		{"each desk keeps its own hours", "【A】\n電話：0120-111-111\n受付：平日9:00～18:00\n【B】\n電話：0120-222-222\n受付時間：10時～17時(土日祝日を含む)",
			[]string{"phone 0120-111-111 free_dial | weekdays 09:00-18:00", "phone 0120-222-222 free_dial | every_day 10:00-17:00"}},
		{"no days stated", "電話 0120-333-444 受付時間 9:00-17:00", []string{"phone 0120-333-444 free_dial |  09:00-17:00"}},
		{"press only", "<本件に関する報道関係者様からのお問い合せ>\n株式会社ゲオ 情報管理課\n0568−33−4388", []string{"phone 0568−33−4388 area | press"}},
		{"set up from a day, in the same part", "2011年6月8日\n5.お問い合わせについて\n6月8日よりお客様専用お問い合わせ窓口を設置いたしました。\n下記までお問い合わせください。\n<お問い合せ>\n特設コールセンター\n0120−007−090",
			[]string{"phone 0120−007−090 free_dial | 2011-06-08.."}},
		{"an e-mail desk set up today", "2016年10月1日\n本件に関する専用のお客様窓口を以下にて本日10月3日より設置し、メールにてお問合せへの対応をさせていただきます。\n- support@example.co.jp",
			[]string{"email support@example.co.jp | 2016-10-03.."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := desks(c.text)
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("desks(%q)\n got %v\nwant %v", c.text, got, c.want)
			}
		})
	}
}

// TestAddenda checks that a 追記 replacing a desk dates both desks, and that
// 「電話による対応を終了」 ends the phone that replaced it.
func TestAddenda(t *testing.T) {
	text := "お知らせ ※2018年2月21日追記\n※2018年2月21日追記\n本件に関する問い合わせにつきましては、2月21日(水)17時より電話による対応を終了し、メールによる対応のみに変更させていただきます。メールアドレス:help@shop-pro.jp\n" +
		"※2018年2月16日追記\n本件に関する問い合わせにつきましては、2月16日(金)15時より以下の通り、変更させていただきます。電話番号:050-3204-4543\n受付時間:午前10時~午後7時(平日のみ)\n" +
		"このたび、弊社が運営するサービスにおいて、不正アクセスが確認されました。本日、2018年1月26日開催の取締役会にて決定しました。\n" +
		"<お問い合わせ窓口>\n専用ダイヤル | 0120-620-621(フリーダイヤル) |\n---|---|\nメールアドレス | help@shop-pro.jp |\n受付時間 | 午前9時~午後9時(土日祝日を含む) |\n"
	d := Build(text, Options{ID: "x"})
	var ats []string
	for _, u := range d.Updates {
		ats = append(ats, u.At)
	}
	if strings.Join(ats, " ") != "2018-02-21T17:00 2018-02-16T15:00" {
		t.Errorf("updates at %v", ats)
	}
	want := map[string]string{
		"help@shop-pro.jp": "2018-01-26..",
		"050-3204-4543":    "2018-02-16T15:00..2018-02-21T17:00",
		"0120-620-621":     "2018-01-26..2018-02-16T15:00",
	}
	for _, c := range d.Contacts {
		if got := c.ValidFrom + ".." + c.ValidUntil; got != want[c.Value] {
			t.Errorf("%s valid %s, want %s", c.Value, got, want[c.Value])
		}
		delete(want, c.Value)
	}
	if len(want) > 0 {
		t.Errorf("contacts not found: %v", want)
	}
}
