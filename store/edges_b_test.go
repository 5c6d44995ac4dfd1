package store_test

import "exposurecheck/store"

func init() {
	edgeCases = append(edgeCases, []edgeCase{
		// hfbelx.txt: 「2017年3月1日~2017年4月14日 に…クレジットカード決済をご利用いただいたお客様」
		// plus 「※以下のお客様はクレジットカード情報の流出の対象ではございません。」 (only some → at most Partial)
		{name: "hfbelx card: day before start", use: "hfbelx-online.card@2017-02-28", want: store.Outside},
		{name: "hfbelx card: first day (only some)", use: "hfbelx-online.card@2017-03-01", want: store.Partial},
		{name: "hfbelx card: last day (only some)", use: "hfbelx-online.card@2017-04-14", want: store.Partial},
		{name: "hfbelx card: day after", use: "hfbelx-online.card@2017-04-15", want: store.Outside},
		{name: "hfbelx card: month straddling the end", use: "hfbelx-online.card@2017-04", want: store.Partial},

		// hokusen.txt: no period stated; 「個人情報が流出した可能性のあるお客様には…個別に電子メール又は書状にて」
		{name: "hokusen web: no window", use: "hokusen-web.use@2021..2022", want: store.Partial},

		// honyaclub.txt: no period in the excerpt; 「カード情報(427件)を不正取得された可能性」
		{name: "honyaclub card: no window", use: "honyaclub-com.card@2022-10-01", want: store.Partial},

		// jins.txt: 「[対象期間] 平成25年2月6日〜平成25年3月14日」
		{name: "jins card: day before start", use: "jins-online.card@2013-02-05", want: store.Outside},
		{name: "jins card: first day", use: "jins-online.card@2013-02-06", want: store.Match},
		{name: "jins card: last day", use: "jins-online.card@2013-03-14", want: store.Match},
		{name: "jins card: day after", use: "jins-online.card@2013-03-15", want: store.Outside},
		{name: "jins card: whole window as a range", use: "jins-online.card@2013-02-06..2013-03-14", want: store.Match},
		{name: "jins card: month straddling the start", use: "jins-online.card@2013-02", want: store.Partial},
		{name: "jins card: month straddling the end", use: "jins-online.card@2013-03", want: store.Partial},

		// joyfulhonda.txt: 「2021年3月17日~2024年1月18日の期間に、…ご注文時にクレジットカード情報を入力されたお客様」
		{name: "joyfulhonda card: day before start", use: "joyfulhonda-globe-oldfriend.card@2021-03-16", want: store.Outside},
		{name: "joyfulhonda card: first day", use: "joyfulhonda-globe-oldfriend.card@2021-03-17", want: store.Match},
		{name: "joyfulhonda card: last day", use: "joyfulhonda-globe-oldfriend.card@2024-01-18", want: store.Match},
		{name: "joyfulhonda card: day after", use: "joyfulhonda-globe-oldfriend.card@2024-01-19", want: store.Outside},
		{name: "joyfulhonda card: a year inside", use: "joyfulhonda-globe-oldfriend.card@2022", want: store.Match},
		{name: "joyfulhonda card: year straddling the end", use: "joyfulhonda-globe-oldfriend.card@2024", want: store.Partial},

		// jrc-donation.txt: 「令和3年8月2日から令和4年1月25日」 is the access period, not a donation window → no window
		{name: "jrc donation: no window (access period is not a donation period)", use: "jrc-online-donation.donation@2020-12-01", want: store.Partial},

		// lespros.txt: 「2020年2月13日~2020年8月12日の期間に当該サイトで購入されたお客様のクレジットカード情報が流出し」
		{name: "lespros purchase: day before start", use: "lespros-online-shop.purchase@2020-02-12", want: store.Outside},
		{name: "lespros purchase: first day", use: "lespros-online-shop.purchase@2020-02-13", want: store.Match},
		{name: "lespros purchase: last day", use: "lespros-online-shop.purchase@2020-08-12", want: store.Match},
		{name: "lespros purchase: day after", use: "lespros-online-shop.purchase@2020-08-13", want: store.Outside},
		{name: "lespros purchase: months inside", use: "lespros-online-shop.purchase@2020-03..2020-07", want: store.Match},
		{name: "lespros purchase: month straddling the start", use: "lespros-online-shop.purchase@2020-02", want: store.Partial},

		// lifemedia.txt: 「1. 不正ログインの発生日 2015年7月4日(土)~6日(月)」 (tenure; only the accounts logged into → at most Partial)
		{name: "lifemedia member: account closed the day before", use: "lifemedia-site.member@2014-01..2015-07-03", want: store.Outside},
		{name: "lifemedia member: held on the first day (only some)", use: "lifemedia-site.member@2015-07-04", want: store.Partial},
		{name: "lifemedia member: held on the last day (only some)", use: "lifemedia-site.member@2015-07-06", want: store.Partial},
		{name: "lifemedia member: registered the day after", use: "lifemedia-site.member@2015-07-07..", want: store.Outside},
		{name: "lifemedia member: held for years across it (only some)", use: "lifemedia-site.member@2012..2016", want: store.Partial},

		// morinagamilk.txt: no period in the excerpt (最大29,773名 / 最大63,049名)
		{name: "morinagamilk card: no window", use: "morinagamilk-kenko.card@2018-03", want: store.Partial},
		{name: "morinagamilk order: no window", use: "morinagamilk-kenko.order@2018-03", want: store.Partial},

		// mouse-misdirect.txt: no window for the 253 customers (「3/8送信分とは別の本件対象お客様253件」)
		{name: "mouse misdirect mail: no window", use: "mouse-pc-software-mail.mail@2017-03-09", want: store.Partial},

		// netsea.txt: 「●平成27年4月1日~平成28年4月15日までの間、 ・当サイトにて会員情報をご登録・ご変更いただいたお客様」
		{name: "netsea member info: day before start", use: "netsea-site.member-info@2015-03-31", want: store.Outside},
		{name: "netsea member info: first day", use: "netsea-site.member-info@2015-04-01", want: store.Match},
		{name: "netsea member info: last day", use: "netsea-site.member-info@2016-04-15", want: store.Match},
		{name: "netsea member info: day after", use: "netsea-site.member-info@2016-04-16", want: store.Outside},
		{name: "netsea member info: year straddling the start", use: "netsea-site.member-info@2015", want: store.Partial},
		// netsea.txt: 「●平成28年1月1日~平成28年4月15日までの間、 ・当サイトにてクレジットカードをご登録されたお客様」
		{name: "netsea card: day before start", use: "netsea-site.card@2015-12-31", want: store.Outside},
		{name: "netsea card: first day", use: "netsea-site.card@2016-01-01", want: store.Match},
		{name: "netsea card: last day", use: "netsea-site.card@2016-04-15", want: store.Match},
		{name: "netsea card: day after", use: "netsea-site.card@2016-04-16", want: store.Outside},
		{name: "netsea card: months inside", use: "netsea-site.card@2016-01..2016-03", want: store.Match},
		{name: "netsea card: month straddling the end", use: "netsea-site.card@2016-04", want: store.Partial},
	}...)
}
