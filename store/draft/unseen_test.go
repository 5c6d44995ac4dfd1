package draft

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestUnseenNotices drafts notices written for the test in shapes the shared
// corpus does not have (the common card-leak template with two periods, a
// city's misdirected e-mail, full-width text throughout) and checks the
// facts a curator would encode.
func TestUnseenNotices(t *testing.T) {
	type pop struct {
		from, to string
		count    int
		exposed  string
	}
	cases := []struct {
		file   string
		org    string
		pops   []pop
		phones []string // value | days open-close | from..through
	}{
		{"shop-template.txt", "株式会社サンプル", []pop{
			{"2022-10-01", "2023-03-01", 1234, "card_holder card_number card_expiry card_cvv"},
			{"2019-04-01", "2023-03-01", 5678, "name address phone email birth_date gender account_id password"},
		}, []string{"0120-123-456 | weekdays 10:00-17:00 | 2023-08-10.."}},
		{"city-misdirect.txt", "○○市", []pop{{"", "", 112, "email"}}, []string{"(012)345-6789 | weekdays 08:30-17:15 | 2023-11-02.."}},
		{"fullwidth-shop.txt", "ミナミ商事株式会社", []pop{{"2023-12-01", "2024-02-20T10:00", 3210, "card_holder card_number card_expiry card_cvv"}},
			[]string{"０３－１２３４－５６７８ | weekdays 09:00-18:00 | 2024-03-28..2024-06-30"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "unseen", c.file))
			if err != nil {
				t.Fatal(err)
			}
			d := Build(string(raw), Options{File: c.file})
			if d.Orgs[0].Name != c.org {
				t.Errorf("organisation %q, want %q", d.Orgs[0].Name, c.org)
			}
			var got []pop
			for _, p := range d.Populations {
				g := pop{count: p.MaxCount, exposed: strings.Join(p.Exposed, " ")}
				if p.Window != nil {
					g.from, g.to = p.Window.FromPoint(), p.Window.ToPoint()
				}
				got = append(got, g)
			}
			if !slices.Equal(got, c.pops) {
				t.Errorf("populations\n got %+v\nwant %+v", got, c.pops)
			}
			var phones []string
			for _, k := range d.Contacts {
				if k.Kind != "phone" {
					continue
				}
				s := k.Value + " |"
				if k.Hours != nil {
					s += " " + k.Hours.Days + " " + k.Hours.Open + "-" + k.Hours.Close
				}
				phones = append(phones, s+" | "+k.ValidFrom+".."+k.ValidThrough)
			}
			if !slices.Equal(phones, c.phones) {
				t.Errorf("phones\n got %v\nwant %v", phones, c.phones)
			}
		})
	}
}
