package store_test

import "exposurecheck/store"

func init() {
	edgeCases = append(edgeCases, []edgeCase{
		// psn-qriocity.txt: 「2011年4月17日から19日にかけて…アカウント情報が漏洩していた可能性」 (tenure: any overlap)
		{name: "psn account: ended the day before", use: "psn.account@2009..2011-04-16", want: store.Outside},
		{name: "psn account: held through the first day", use: "psn.account@2009..2011-04-17", want: store.Match},
		{name: "psn account: held on the last day only", use: "psn.account@2011-04-19", want: store.Match},
		{name: "psn account: opened the day after", use: "psn.account@2011-04-20..2012", want: store.Outside},
		{name: "psn account: held across the window", use: "psn.account@2008..2015", want: store.Match},
		{name: "qriocity account: ended the day before", use: "qriocity.account@2010..2011-04-16", want: store.Outside},
		{name: "qriocity account: first day", use: "qriocity.account@2011-04-17", want: store.Match},
		{name: "qriocity account: last day", use: "qriocity.account@2011-04-19", want: store.Match},
		{name: "qriocity account: opened the day after", use: "qriocity.account@2011-04-20..2011-12", want: store.Outside},

		// safarilounge.txt: 「2020年1月9日から2020年5月29日までの期間にお客様のクレジットカード情報4,544件が漏えいした可能性」
		// with 「漏えいした可能性があると指摘を受けたお客様には…電子メール」 (only those flagged → at most Partial)
		{name: "safarilounge card: day before start", use: "safarilounge-shop.card@2020-01-08", want: store.Outside},
		{name: "safarilounge card: first day (only some)", use: "safarilounge-shop.card@2020-01-09", want: store.Partial},
		{name: "safarilounge card: last day (only some)", use: "safarilounge-shop.card@2020-05-29", want: store.Partial},
		{name: "safarilounge card: months inside (only some)", use: "safarilounge-shop.card@2020-02..2020-04", want: store.Partial},
		{name: "safarilounge card: day after", use: "safarilounge-shop.card@2020-05-30", want: store.Outside},
		{name: "safarilounge card: January straddles the start", use: "safarilounge-shop.card@2020-01", want: store.Partial},
		{name: "safarilounge card: May straddles the end", use: "safarilounge-shop.card@2020-05", want: store.Partial},

		// seikotei.txt: 「期間:2021年3月10日~2021年6月16日」
		{name: "seikotei card: day before start", use: "seikotei-netshop.card@2021-03-09", want: store.Outside},
		{name: "seikotei card: first day", use: "seikotei-netshop.card@2021-03-10", want: store.Match},
		{name: "seikotei card: last day", use: "seikotei-netshop.card@2021-06-16", want: store.Match},
		{name: "seikotei card: day after", use: "seikotei-netshop.card@2021-06-17", want: store.Outside},
		{name: "seikotei card: April is inside", use: "seikotei-netshop.card@2021-04", want: store.Match},
		{name: "seikotei card: June straddles the end", use: "seikotei-netshop.card@2021-06", want: store.Partial},

		// sekaido.txt: 「不正アクセスが発覚した2022年8月19日当日に…対策を完了…以後情報が漏えいする恐れはございません」
		// (window inferred: members up to 2022-08-19; tenure)
		{name: "sekaido member: member for years up to the day", use: "sekaido-online.member@2015..2022-08-19", want: store.Match},
		{name: "sekaido member: joined on the day", use: "sekaido-online.member@2022-08-19..2023", want: store.Match},
		{name: "sekaido member: joined the day after", use: "sekaido-online.member@2022-08-20..2023", want: store.Outside},
		// 「クレジットカ-ド情報、口座情報は保有しておらず、一切漏えいはございません」
		{name: "sekaido card: not affected", use: "sekaido-online.card@2022-08", want: store.Unaffected},
		// 「「世界堂会員カ-ド」会員様の情報は…一切漏えいはございません」
		{name: "sekaido member card: not affected", use: "sekaido-member-card.member@2015..2022", want: store.Unaffected},

		// sod-prime.txt: no period for the members whose information could be viewed
		{name: "sod prime member: no window", use: "sod-prime.member@2019..2020-03", want: store.Partial},

		// soundhouse.txt: 「2007 年 1 月 1 日~2008 年 3 月 22 日までに新規会員 登録をいただいた」
		{name: "soundhouse register: day before start", use: "soundhouse-online.register@2006-12-31", want: store.Outside},
		{name: "soundhouse register: first day", use: "soundhouse-online.register@2007-01-01", want: store.Match},
		{name: "soundhouse register: last day", use: "soundhouse-online.register@2008-03-22", want: store.Match},
		{name: "soundhouse register: day after", use: "soundhouse-online.register@2008-03-23", want: store.Outside},
		{name: "soundhouse register: 2007 is inside", use: "soundhouse-online.register@2007", want: store.Match},
		{name: "soundhouse register: 2008 straddles the end", use: "soundhouse-online.register@2008", want: store.Partial},

		// system5.txt: 「2020年7月20日20:49~2020年10月27日13:47の期間中に…クレジットカード情報を新規に入力されたお客様」
		// (only cards newly entered: at most Partial)
		{name: "system5 card: minute before start", use: "system5-online.card@2020-07-20T20:48", want: store.Outside},
		{name: "system5 card: first minute", use: "system5-online.card@2020-07-20T20:49", want: store.Partial},
		{name: "system5 card: first day straddles", use: "system5-online.card@2020-07-20", want: store.Partial},
		{name: "system5 card: day before start", use: "system5-online.card@2020-07-19", want: store.Outside},
		{name: "system5 card: inside, only new cards", use: "system5-online.card@2020-09", want: store.Partial},
		{name: "system5 card: last minute", use: "system5-online.card@2020-10-27T13:47", want: store.Partial},
		{name: "system5 card: minute after end", use: "system5-online.card@2020-10-27T13:48", want: store.Outside},
		{name: "system5 card: day after", use: "system5-online.card@2020-10-28", want: store.Outside},

		// takufile.txt: no period for the 約480万件
		{name: "takufile account: no window", use: "ogis-takufile.account@2015..2019", want: store.Partial},

		// tougyoku.txt: no period in the excerpt
		{name: "tougyoku card: no window", use: "tougyoku-online.card@2023-01", want: store.Partial},
		{name: "tougyoku customer: no window", use: "tougyoku-online.customer@2022", want: store.Partial},

		// ucan.txt: 「2022年7月24日~2022年7月26日の期間」 (「[案内資料をお持ちの方専用]受講お申込みページ」 excluded: at most Partial)
		{name: "ucan card: day before start", use: "ucan-shogaigakushu.card@2022-07-23", want: store.Outside},
		{name: "ucan card: first day", use: "ucan-shogaigakushu.card@2022-07-24", want: store.Partial},
		{name: "ucan card: last day", use: "ucan-shogaigakushu.card@2022-07-26", want: store.Partial},
		{name: "ucan card: day after", use: "ucan-shogaigakushu.card@2022-07-27", want: store.Outside},
		{name: "ucan card: July straddles", use: "ucan-shogaigakushu.card@2022-07", want: store.Partial},

		// volvo-misdirect.txt: 「2019年7月18日に発生した個人情報の漏えい」 (window inferred: info given up to that day;
		// only the 2,940 in the file: at most Partial)
		{name: "volvo provided info: earlier", use: "volvo-toranomon.provided-info@2018", want: store.Partial},
		{name: "volvo provided info: on the day", use: "volvo-toranomon.provided-info@2019-07-18", want: store.Partial},
		{name: "volvo provided info: day after", use: "volvo-toranomon.provided-info@2019-07-19", want: store.Outside},

		// yamada.txt: no period in the excerpt
		{name: "yamada webcom card: no window", use: "yamada-webcom.card@2019-03", want: store.Partial},
		{name: "yamada mall card: no window", use: "yamada-mall.card@2019-03", want: store.Partial},
	}...)
}
