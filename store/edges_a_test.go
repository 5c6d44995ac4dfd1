package store_test

import "exposurecheck/store"

// Edge cases for batch A (excerpts). Every expected verdict follows the notice's words.
func init() {
	edgeCases = append(edgeCases, []edgeCase{
		// aeon-square.txt: 「① 2019年5月28日 ~ 2019年6月1日 ② 2019年6月22日」 (不正ログインされたIDのみ → only_some; tenure)
		{name: "aeon-square: day before first window", use: "aeon-square-member.member@2019-05-27", want: store.Outside},
		{name: "aeon-square: first day", use: "aeon-square-member.member@2019-05-28", want: store.Partial},
		{name: "aeon-square: last day of first window", use: "aeon-square-member.member@2019-06-01", want: store.Partial},
		{name: "aeon-square: day after first window", use: "aeon-square-member.member@2019-06-02", want: store.Outside},
		{name: "aeon-square: day before 6/22", use: "aeon-square-member.member@2019-06-21", want: store.Outside},
		{name: "aeon-square: 6/22", use: "aeon-square-member.member@2019-06-22", want: store.Partial},
		{name: "aeon-square: day after 6/22", use: "aeon-square-member.member@2019-06-23", want: store.Outside},
		{name: "aeon-square: account up to 5/28 overlaps", use: "aeon-square-member.member@2018..2019-05-28", want: store.Partial},
		{name: "aeon-square: account ended 5/27", use: "aeon-square-member.member@2018..2019-05-27", want: store.Outside},
		{name: "aeon-square: account from 6/23 on", use: "aeon-square-member.member@2019-06-23..", want: store.Outside},

		// alce.txt: 「2021年10月14日~2022年1月25日に,「会員ペイ」システムにおいて,クレジットカード情報を登録した方,およびALCEに関する決済を利用された方」
		{name: "alce register: day before start", use: "alce-membership.card-register@2021-10-13", want: store.Outside},
		{name: "alce register: first day", use: "alce-membership.card-register@2021-10-14", want: store.Match},
		{name: "alce register: last day", use: "alce-membership.card-register@2022-01-25", want: store.Match},
		{name: "alce register: day after", use: "alce-membership.card-register@2022-01-26", want: store.Outside},
		{name: "alce payment: day before start", use: "alce-membership.payment@2021-10-13", want: store.Outside},
		{name: "alce payment: first day", use: "alce-membership.payment@2021-10-14", want: store.Match},
		{name: "alce payment: last day", use: "alce-membership.payment@2022-01-25", want: store.Match},
		{name: "alce payment: day after", use: "alce-membership.payment@2022-01-26", want: store.Outside},
		{name: "alce payment: October 2021 straddles the start", use: "alce-membership.payment@2021-10", want: store.Partial},
		{name: "alce payment: Nov-Dec 2021 inside", use: "alce-membership.payment@2021-11..2021-12", want: store.Match},
		{name: "alce payment: January 2022 straddles the end", use: "alce-membership.payment@2022-01", want: store.Partial},
		{name: "alce payment: no date", use: "alce-membership.payment", want: store.Unknown},

		// bigweb.txt: 「上記の情報は、2012年4月以前の登録情報であることが確認できております」 (漏洩が確認された63,587件 → only_some)
		{name: "bigweb register: last day of April 2012", use: "bigweb-cardshop.register@2012-04-30", want: store.Partial},
		{name: "bigweb register: April 2012", use: "bigweb-cardshop.register@2012-04", want: store.Partial},
		{name: "bigweb register: 1 May 2012", use: "bigweb-cardshop.register@2012-05-01", want: store.Outside},
		{name: "bigweb register: year 2012 straddles", use: "bigweb-cardshop.register@2012", want: store.Partial},
		{name: "bigweb register: 2005", use: "bigweb-cardshop.register@2005", want: store.Partial},
		{name: "bigweb register: 2013", use: "bigweb-cardshop.register@2013", want: store.Outside},

		// camicianista.txt: 「2016年1月25日~2016年3月2日の期間、 クレジットカードをご利用されたお客様」
		{name: "camicianista card: day before start", use: "camicianista-web.card@2016-01-24", want: store.Outside},
		{name: "camicianista card: first day", use: "camicianista-web.card@2016-01-25", want: store.Match},
		{name: "camicianista card: last day", use: "camicianista-web.card@2016-03-02", want: store.Match},
		{name: "camicianista card: day after", use: "camicianista-web.card@2016-03-03", want: store.Outside},
		{name: "camicianista card: February 2016", use: "camicianista-web.card@2016-02", want: store.Match},
		{name: "camicianista card: March 2016 straddles the end", use: "camicianista-web.card@2016-03", want: store.Partial},

		// capat.txt: 「6月23日から複数のCAPATアカウントに対する不正アクセスを検出しました」 (告知は2014/06/26; end inferred = 2014-06-26; only_some; tenure)
		//            「■ポイント不正使用期間 6月23日18時26分~6月24日9時57分」 (within the above; only_some)
		{name: "capat account: day before 6/23", use: "capat-monitor.account@2014-06-22", want: store.Outside},
		{name: "capat account: 6/23", use: "capat-monitor.account@2014-06-23", want: store.Partial},
		{name: "capat account: 6/26 (notice date)", use: "capat-monitor.account@2014-06-26", want: store.Partial},
		{name: "capat account: from 6/27 on (after the notice; inferred end)", use: "capat-monitor.account@2014-06-27..", want: store.Outside},
		{name: "capat account: held since 2010", use: "capat-monitor.account@2010..", want: store.Partial},
		{name: "capat account: ended 6/22", use: "capat-monitor.account@2013..2014-06-22", want: store.Outside},
		// minute edges of the points window: still Partial through the enclosing access population (the whole day)
		{name: "capat points: minute before 18:26", use: "capat-monitor.account@2014-06-23T18:25", want: store.Partial},
		{name: "capat points: 18:26", use: "capat-monitor.account@2014-06-23T18:26", want: store.Partial},
		{name: "capat points: 9:57", use: "capat-monitor.account@2014-06-24T09:57", want: store.Partial},
		{name: "capat points: minute after 9:57", use: "capat-monitor.account@2014-06-24T09:58", want: store.Partial},

		// covermark.txt: who (当社ECサイトでご使用いただいたクレジットカード情報(2259件)) but no period in the excerpt → Partial
		{name: "covermark card: no window in the excerpt", use: "covermark-online.card@2022-07", want: store.Partial},
		{name: "covermark card: any date", use: "covermark-online.card@2015", want: store.Partial},

		// diskunion.txt: 「ご登録されたお客様」, no period → Partial
		{name: "diskunion.net account: no window", use: "diskunion-net.account@2015..2022", want: store.Partial},
		{name: "audiounion.jp account: no window", use: "diskunion-audiounion.account@2020", want: store.Partial},

		// e-nagasaki.txt: counts but no period in the excerpt → Partial
		{name: "e-nagasaki card: no window", use: "e-nagasaki-shop.card@2024-05", want: store.Partial},
		{name: "e-nagasaki member: no window", use: "e-nagasaki-shop.member@2020..2024", want: store.Partial},
		{name: "e-nagasaki order: no window", use: "e-nagasaki-shop.order@2023-12", want: store.Partial},
		{name: "e-nagasaki recipient: no window", use: "e-nagasaki-shop.recipient@2024-01-15", want: store.Partial},

		// fctokyo-misdirect.txt: 「2024年11月22日(金)17:00頃、…送信したメール「【FC東京】2025年間チケット自動継続決済完了のお知らせ」」 (142件 → only_some)
		{name: "fctokyo mail: day before", use: "fctokyo-membership.renewal-mail@2024-11-21", want: store.Outside},
		{name: "fctokyo mail: 11/22", use: "fctokyo-membership.renewal-mail@2024-11-22", want: store.Partial},
		{name: "fctokyo mail: 11/22 17:05", use: "fctokyo-membership.renewal-mail@2024-11-22T17:05", want: store.Partial},
		{name: "fctokyo mail: day after", use: "fctokyo-membership.renewal-mail@2024-11-23", want: store.Outside},
		{name: "fctokyo mail: November 2024 straddles", use: "fctokyo-membership.renewal-mail@2024-11", want: store.Partial},

		// gmo-pg-tozei.txt: the list of data and periods is past the cut → Partial
		{name: "gmo-pg tozei card: no window in the excerpt", use: "gmo-pg-tozei-card.card@2017-03", want: store.Partial},
		{name: "gmo-pg danshin card: no window in the excerpt", use: "gmo-pg-danshin-card.card@2016", want: store.Partial},

		// hawaiians-mall.txt: 「2017年2月10日〜2017年5月25日の間に…クレジットカード決済が行われたお客様情報」
		{name: "hawaiians-mall card: day before start", use: "hawaiians-mall.card@2017-02-09", want: store.Outside},
		{name: "hawaiians-mall card: first day", use: "hawaiians-mall.card@2017-02-10", want: store.Match},
		{name: "hawaiians-mall card: last day", use: "hawaiians-mall.card@2017-05-25", want: store.Match},
		{name: "hawaiians-mall card: day after", use: "hawaiians-mall.card@2017-05-26", want: store.Outside},
		{name: "hawaiians-mall card: March-April 2017", use: "hawaiians-mall.card@2017-03..2017-04", want: store.Match},
		{name: "hawaiians-mall card: year 2017 straddles", use: "hawaiians-mall.card@2017", want: store.Partial},
	}...)
}
