package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"exposurecheck/data"
)

// synth writes a data folder of N made-up incidents shaped like the real ones
// (services with kana and romaji aliases, one to four populations with windows
// at day or minute precision or none, only-some groups, shared counts,
// contacts with hours) and, beside it, the notice text every quote is found
// in. It exists to measure how the site grows with its data; nothing it
// writes is a fact.
//
//	exposurecheck synth --incidents 10000 --out /tmp/synth
//	exposurecheck validate --data /tmp/synth --notices /tmp/synth/notices
func synth(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("synth", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("incidents", 1000, "how many incidents to write")
	out := fl.String("out", "", "folder to write (incidents/, advice.yaml, notices/)")
	seed := fl.Uint64("seed", 1, "random seed: the same seed writes the same files")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 {
		return fmt.Errorf("give --out DIR and --incidents N (N ≥ 1)")
	}
	for _, dir := range []string{"incidents", "notices"} {
		if err := os.MkdirAll(filepath.Join(*out, dir), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	advice, err := fs.ReadFile(data.FS, "advice.yaml")
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := os.WriteFile(filepath.Join(*out, "advice.yaml"), advice, 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	rng := rand.New(rand.NewPCG(*seed, 0x5eed))
	for i := range *n {
		inc := synthIncident(rng, i)
		if err := os.WriteFile(filepath.Join(*out, "incidents", inc.id+".yaml"), []byte(inc.yaml), 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		if err := os.WriteFile(filepath.Join(*out, "notices", inc.id+".txt"), []byte(inc.notice), 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	fmt.Fprintf(stdout, "wrote %d incidents to %s\n", *n, *out)
	return nil
}

type synthFile struct {
	id, yaml, notice string
}

var (
	synthShops = []string{"オンラインショップ", "通販サイト", "会員サイト", "予約サイト", "ネットストア", "公式ストア"}
	synthKana  = []string{"あおば", "いろは", "うみべ", "えがお", "おかし", "かもめ", "きらり", "くるみ", "けやき", "こだま", "さくら", "しずく", "すずらん", "せせらぎ", "そよかぜ"}
	synthRoma  = []string{"aoba", "iroha", "umibe", "egao", "okashi", "kamome", "kirari", "kurumi", "keyaki", "kodama", "sakura", "shizuku", "suzuran", "seseragi", "soyokaze"}
	synthKinds = [][]string{
		{"card_number", "card_expiry", "card_cvv", "card_holder"},
		{"name", "address", "phone", "email"},
		{"email", "password_hash", "account_id"},
		{"name", "email", "birth_date", "gender"},
	}
	synthKindWords = []string{"クレジットカード番号・有効期限・セキュリティコード・名義", "氏名・住所・電話番号・メールアドレス", "メールアドレス・パスワード（ハッシュ化）・会員ID", "氏名・メールアドレス・生年月日・性別"}
)

// synthIncident writes one incident and its notice; every quote is a
// sentence of the notice, so validate with --notices checks them for real.
func synthIncident(rng *rand.Rand, i int) synthFile {
	id := fmt.Sprintf("synth-%05d", i)
	k := rng.IntN(len(synthKana))
	brand := fmt.Sprintf("%s%d", synthKana[k], i)
	roma := fmt.Sprintf("%s%d", synthRoma[k], i)
	org := fmt.Sprintf("株式会社%s商事%d", synthKana[k], i)
	year := 2008 + rng.IntN(17)
	pub := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	var notice, y strings.Builder
	say := func(s string) string { notice.WriteString(s + "\n"); return s }
	q := func(s string) string { return fmt.Sprintf("%q", say(s)) }

	fmt.Fprintf(&y, "# synthetic: made by exposurecheck synth, not a real incident\nid: %s\nnotice:\n  file: %s.txt\n  excerpt: false\nupdated: \"%s\"\n", id, id, pub.Format(time.DateOnly))
	fmt.Fprintf(&y, "title: 「%s」への不正アクセス\norganisations:\n  - name: %s\n    kind: company\n", brand, org)
	fmt.Fprintf(&y, "published:\n  day: \"%s\"\n  quote: %s\n", pub.Format(time.DateOnly), q(fmt.Sprintf("%d年%d月%d日 %s", pub.Year(), pub.Month(), pub.Day(), org)))
	fmt.Fprintf(&y, "summary:\n  text: 「%s」への不正アクセスで、お客様の情報が流出した可能性があります。\n  quote: %s\n", brand, q(fmt.Sprintf("このたび、弊社が運営する「%s」において、第三者による不正アクセスが判明いたしました。", brand)))
	fmt.Fprintf(&y, "sources:\n  - title: 「%s」への不正アクセスに関するお知らせ\n    url: null\n    date: \"%s\"\n    quote: %s\n", brand, pub.Format(time.DateOnly), q(fmt.Sprintf("「%s」への不正アクセスに関するお知らせ", brand)))
	y.WriteString("updates: []\ntimeline: []\n")

	nsvc := 1 + rng.IntN(2)
	y.WriteString("services:\n")
	for s := range nsvc {
		sid := fmt.Sprintf("%s-s%d", id, s)
		fmt.Fprintf(&y, "  - id: %s\n    name: %s%s\n    kana: %s\n    operator: %s\n    aliases: [%s, %s%d, %s.example.jp]\n", sid, brand, synthShops[(i+s)%len(synthShops)], synthKana[k], org, roma, synthRoma[k], s, roma)
		y.WriteString("    activities:\n      - id: card\n        kind: moment\n        label: カードで支払った\n        question: カードで支払ったのはいつですか？\n")
		y.WriteString("      - id: member\n        kind: tenure\n        label: 会員だった\n        question: 会員だった期間はいつからいつまでですか？\n")
	}
	y.WriteString("populations:\n")
	npop := nsvc + rng.IntN(3) // every service has a population
	var popIDs []string
	for p := range npop {
		pid := fmt.Sprintf("%s-p%d", id, p)
		popIDs = append(popIDs, pid)
		sid := fmt.Sprintf("%s-s%d", id, p%nsvc)
		kind := rng.IntN(len(synthKinds))
		act := "member"
		if kind == 0 {
			act = "card"
		}
		from := pub.AddDate(0, -3-rng.IntN(24), -rng.IntN(28))
		to := from.AddDate(0, 1+rng.IntN(18), rng.IntN(28))
		fmt.Fprintf(&y, "  - id: %s\n    service: %s\n    activities: [%s]\n    label: 対象のお客様（%d）\n", pid, sid, act, p)
		switch rng.IntN(4) {
		case 0: // no period stated; only those told by email
			fmt.Fprintf(&y, "    only_some:\n      who: 対象のお客様にはメールで連絡されます。\n      criteria: 一部のお客様\n      quote: %s\n", q(fmt.Sprintf("対象のお客様%dには、個別にメールでご連絡いたします。", p)))
		case 1: // minute precision
			ft := from.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
			tt := to.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
			fmt.Fprintf(&y, "    window:\n      from: \"%s\"\n      through: \"%s\"\n      quote: %s\n", ft.Format("2006-01-02T15:04"), tt.Format("2006-01-02T15:04"),
				q(fmt.Sprintf("%d年%d月%d日%d時%02d分から%d年%d月%d日%d時%02d分までの期間（対象%d）", ft.Year(), ft.Month(), ft.Day(), ft.Hour(), ft.Minute(), tt.Year(), tt.Month(), tt.Day(), tt.Hour(), tt.Minute(), p)))
		default: // day precision
			fmt.Fprintf(&y, "    window:\n      from: \"%s\"\n      through: \"%s\"\n      quote: %s\n", from.Format(time.DateOnly), to.Format(time.DateOnly),
				q(fmt.Sprintf("%d年%d月%d日〜%d年%d月%d日の期間（対象%d）", from.Year(), from.Month(), from.Day(), to.Year(), to.Month(), to.Day(), p)))
		}
		fmt.Fprintf(&y, "    exposed: [%s]\n    certainty: possibly_leaked\n    max_count: %d\n    quote: %s\n", strings.Join(synthKinds[kind], ", "), 1+rng.IntN(100000),
			q(fmt.Sprintf("流出した可能性のある情報（対象%d）: %s", p, synthKindWords[kind])))
	}
	if npop >= 2 && rng.IntN(3) == 0 {
		fmt.Fprintf(&y, "counts:\n  - id: %s-total\n    populations: [%s, %s]\n    count: %d\n    count_kind: max\n    label: 合計\n    quote: %s\n", id, popIDs[0], popIDs[1], 1000+rng.IntN(50000), q("対象の合計件数を下記に記載いたします。"))
	}
	phone := fmt.Sprintf("0120-%03d-%03d", 100+i/1000%900, i%1000)
	fmt.Fprintf(&y, "contacts:\n  - id: %s-desk\n    kind: phone\n    value: \"%s\"\n    label: 専用窓口\n    audience: [%s-s0.card, %s-s0.member]\n", id, phone, id, id)
	fmt.Fprintf(&y, "    hours:\n      days: weekdays\n      open: \"10:00\"\n      close: \"18:00\"\n      notes: 平日のみ\n      quote: %s\n", q("受付時間:10時〜18時（平日のみ）"))
	fmt.Fprintf(&y, "    valid_from: \"%s\"\n    quote: %s\n", pub.Format(time.DateOnly), q("専用窓口:"+phone))
	y.WriteString("notes: []\n")
	return synthFile{id: id, yaml: y.String(), notice: notice.String()}
}
