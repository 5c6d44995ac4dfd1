package draft

import (
	"strings"
	"testing"
)

func classesOfText(text string) Classes {
	t := NewText(text)
	return classesIn(t, scope{0, len(t.lines) - 1}, map[int]bool{})
}

func TestClasses(t *testing.T) {
	cases := []struct {
		name, text string
		exposed    string
		negated    string
	}{
		{"card fields joined by ・", "カード番号・カード有効期限・カード名義人名・セキュリティコード | 最大 7,259件 |", "card_number card_expiry card_holder card_cvv", ""},
		{"personal data joined by 、", "氏名、住所、電話番号、FAX番号、メールアドレス、性別、職業、生年月日", "name address phone fax email gender occupation birth_date", ""},
		{"card data in brackets", "クレジットカード情報(番号、有効期限、カード名義)", "card_number card_expiry card_holder", ""},
		{"card data not itemised", "・クレジットカード情報", "card_info", ""},
		{"hashed passwords", "ログインID・ハッシュ化済パスワード ※3・住所", "account_id password_hash address", ""},
		{"a footnote says the passwords are hashed", "会員ID / 会員パスワード（※2）\n（※2）ハッシュ化と呼ばれる規則性のない固定長の値を求め…", "account_id password_hash", ""},
		{"a negation inside the list's line", "※1:カード情報\n   番号、名義、有効期限 ※セキュリティコードは含まれていないことが確認できました", "card_number card_holder card_expiry", "card_cvv"},
		{"a sentence of negations", "お客様の氏名、生年月日、住所、電話番号、ログインパスワ-ド、注文履歴などは含まれておりません。", "", "name birth_date address phone password purchase_history"},
		{"not held", "（※1）クレジットカード情報は保有していません。", "", "card_info"},
		{"others not held: 除き", "上記のクレジットカード情報を除き、他のクレジットカード情報を一切保持しておらず", "", ""},
		{"new classes", "・勤務先\n・保有資格\n・家族構成\n・特記事項\n・年齢", "workplace qualification family remarks age", ""},
		{"bank and points", "銀行口座情報、ポイント情報、決済手段区分", "bank_account points payment_method", ""},
		{"delivery data is not the buyer's", "お届け先住所、お届け先氏名、お届け先電話番号", "delivery_info", ""},
		{"phone and fax together", "電話/FAX番号、Eメールアドレス", "phone fax email", ""},
		{"a leak sentence names one item", "お客様のクレジットカード情報(4,722件)が流出した可能性があることが判明いたしました。", "card_info", ""},
		{"limited to one item", "今回漏えいした情報は、登録会員様のメールアドレスに限定されております。", "email", ""},
		{"a mention is not a list", "お電話がつながりにくい場合などに、こちらのご質問集からご確認ください。個人情報漏洩に関する質問", "", ""},
		{"field names are not leaked items", "「電話番号」、「ブラウザ情報」、「読み仮名」欄に記載されたカード番号の可能性のある14~16桁の数値です。", "", ""},
		{"a heading is not a list", "2.本件に関するクレジットカード情報と件数", "", ""},
		{"other than", "流出したショップオーナー様のクレジットカード情報以外の情報:最大 77,385件", "", ""},
		{"member numbers and history", "氏名、会員番号、ポイント数、ポイント獲得履歴", "name customer_number points", ""},
		{"an id inside a word", "PAIDメンバーID", "account_id", ""},
		{"a product's name qualifies an item", "Eメールアドレス、生年月日、“PlayStation Network”/“Qriocity”パスワード、\n“PlayStation Network”オンラインID", "email birth_date password account_id", ""},
		{"a qualified item", "・カード会員メールアドレス", "email", ""},
		{"points in latin letters", "お客さま情報(メールアドレス、氏名、保有WAON POINT数)", "email name points", ""},
		{"a negation cut off at the end of an excerpt", "「クレジットカード番号」の4つが流出した恐れのある情報となります。お名前やご住所など、その他の個人情報の流出はなか", "card_number", "name address"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := classesOfText(c.text)
			if e := strings.Join(got.Exposed, " "); e != c.exposed {
				t.Errorf("exposed %q, want %q", e, c.exposed)
			}
			if n := strings.Join(got.Negated, " "); n != c.negated {
				t.Errorf("negated %q, want %q", n, c.negated)
			}
		})
	}
}
