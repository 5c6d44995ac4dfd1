package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"exposurecheck/store"
)

// TestSearchByLength: three or more characters go through the trigram index,
// two through the bigram index (both anywhere in a name), one matches the
// start of a name.
func TestSearchByLength(t *testing.T) {
	ctx := context.Background()
	db, err := store.OpenMemory(ctx, bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var order []string
	for _, s := range db.Services() {
		order = append(order, s.ID)
	}
	tests := []struct {
		name, query string
		has, hasNot []string
	}{
		{"trigram inside a name", "カラーミー", []string{"colorme"}, []string{"dlmarket"}},
		{"trigram, full width and katakana fold", "ｶﾗｰﾐｰｼｮｯﾌﾟ", []string{"colorme"}, nil},
		{"trigram over a domain alias", "shop-pro", []string{"colorme"}, nil},
		{"two characters inside a name", "ミー", []string{"colorme"}, nil},
		{"two characters: a mall brand only inside another service's name", "楽天", []string{"geo-eshop-rakuten"}, []string{"colorme"}},
		{"one character: the start of a name", "ゲ", []string{"geo-eshop", "geo-online"}, []string{"colorme"}},
		{"one character not at the start finds nothing", "ー", nil, []string{"colorme"}},
		{"nothing matches", "zzzz", nil, []string{"colorme"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, err := db.Search(ctx, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range found {
				ids = append(ids, s.ID)
			}
			for _, id := range tt.has {
				if !slices.Contains(ids, id) {
					t.Errorf("Search(%q) = %v, want %s", tt.query, ids, id)
				}
			}
			for _, id := range tt.hasNot {
				if slices.Contains(ids, id) {
					t.Errorf("Search(%q) = %v, want no %s", tt.query, ids, id)
				}
			}
			if !slices.IsSortedFunc(found, func(a, b store.Service) int {
				return slices.Index(order, a.ID) - slices.Index(order, b.ID)
			}) {
				t.Errorf("Search(%q) not in data order: %v", tt.query, ids)
			}
		})
	}
}

// TestServicesInReadingOrder: lists read like a phone book (五十音 by the
// kana reading), not in the order of the incident files.
func TestServicesInReadingOrder(t *testing.T) {
	db, err := store.OpenMemory(context.Background(), bundled(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list := db.Services()
	if !slices.IsSortedFunc(list, func(a, b store.Service) int { return strings.Compare(store.Fold(a.Kana), store.Fold(b.Kana)) }) {
		t.Errorf("services not in reading order")
	}
	pos := func(id string) int { return slices.IndexFunc(list, func(s store.Service) bool { return s.ID == id }) }
	// あ… before か… before さ…: イオンスクエア, カラーミーショップ, サウンドハウス.
	if !(pos("aeon-square-member") < pos("colorme") && pos("colorme") < pos("soundhouse-online")) {
		t.Errorf("aeon %d, colorme %d, soundhouse %d: want that order", pos("aeon-square-member"), pos("colorme"), pos("soundhouse-online"))
	}
}

// synthCatalog is a catalog shaped like `exposurecheck synth` writes (that
// generator lives in the command): n services over a few shared readings, so
// broad queries match hundreds of services and many keys share grams.
func synthCatalog(t testing.TB, n int) *store.Catalog {
	t.Helper()
	day, err := store.ParseDay("2026-11-01")
	if err != nil {
		t.Fatal(err)
	}
	kana := []string{"あおば", "いろは", "さくら", "すずらん", "そよかぜ", "かもめ"}
	roma := []string{"aoba", "iroha", "sakura", "suzuran", "soyokaze", "kamome"}
	shops := []string{"オンラインショップ", "通販サイト", "会員サイト", "ネットストア"}
	cat := &store.Catalog{Updated: day}
	for i := range n {
		k := (i * 7) % len(kana)
		id := fmt.Sprintf("synth-%05d", i/2)
		if i%2 == 0 {
			cat.Incidents = append(cat.Incidents, store.Incident{ID: id, Updated: day})
		}
		brand := fmt.Sprintf("%s%d", kana[k], i/2)
		cat.Services = append(cat.Services, store.Service{
			ID:       fmt.Sprintf("%s-s%d", id, i%2),
			Name:     brand + shops[i%len(shops)],
			Kana:     kana[k],
			Operator: fmt.Sprintf("株式会社%s商事%d", kana[k], i/2),
			Aliases:  []string{fmt.Sprintf("%s%d", roma[k], i/2), fmt.Sprintf("%s%d", roma[k], i%2), fmt.Sprintf("%s%d.example.jp", roma[k], i/2)},
			Incident: id,
		})
	}
	return cat
}

// oracle answers a query the way search is defined, by reading every
// service: a folded query of one character matches the start of a folded
// key, a longer one anywhere in it; matches come in list order.
type oracle struct {
	list []store.Service
	keys [][]string // folded keys of list[i]
}

func newOracle(list []store.Service) oracle {
	o := oracle{list: list}
	for _, s := range list {
		var keys []string
		for _, w := range append([]string{s.ID, s.Name, s.Kana, s.Operator}, s.Aliases...) {
			keys = append(keys, store.Fold(w))
		}
		o.keys = append(o.keys, keys)
	}
	return o
}

func (o oracle) search(query string) []string {
	q := store.Fold(query)
	one := utf8.RuneCountInString(q) == 1
	var ids []string
	for i, keys := range o.keys {
		for _, k := range keys {
			if k != "" && (one && strings.HasPrefix(k, q) || !one && strings.Contains(k, q)) {
				ids = append(ids, o.list[i].ID)
				break
			}
		}
	}
	return ids
}

// openWithSQL writes the catalog to a database file and opens it both as the
// server does and as a plain SQL reader of the file, whose full-text table
// is the record search must agree with.
func openWithSQL(t *testing.T, cat *store.Catalog) (*store.DB, *sql.DB) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data.db")
	if err := store.WriteFile(ctx, cat, path); err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return db, raw
}

// ftsSearch asks the database file's trigram index directly.
func ftsSearch(t *testing.T, raw *sql.DB, list []store.Service, query string) []string {
	t.Helper()
	rows, err := raw.Query(`SELECT DISTINCT ord FROM service_search WHERE key MATCH ? ORDER BY ord`, `"`+store.Fold(query)+`"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var ord int
		if err := rows.Scan(&ord); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, list[ord].ID)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkSearch compares SearchFirst with the oracle for whole and cut lists,
// and the oracle with SQLite's trigram index when raw is given and the query
// folds to three characters or more (what the index answers).
func checkSearch(t *testing.T, db *store.DB, raw *sql.DB, o oracle, query string) (total int) {
	t.Helper()
	list := db.Services()
	want := o.search(query)
	if raw != nil && utf8.RuneCountInString(store.Fold(query)) >= 3 {
		if fts := ftsSearch(t, raw, list, query); !slices.Equal(fts, want) {
			t.Fatalf("%q: SQLite's trigram index finds %d %v, reading every service %d %v", query, len(fts), head(fts), len(want), head(want))
		}
	}
	for _, n := range []int{-1, 0, 1, 100} {
		found, total, err := db.SearchFirst(context.Background(), query, n)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range found {
			ids = append(ids, s.ID)
		}
		cut := want
		if n >= 0 && n < len(cut) {
			cut = cut[:n]
		}
		if total != len(want) || !slices.Equal(ids, cut) {
			t.Fatalf("SearchFirst(%q, %d) = %d of %d %v, want %d of %d %v", query, n, len(ids), total, head(ids), len(cut), len(want), head(cut))
		}
	}
	return len(want)
}

func head(ids []string) []string { return ids[:min(len(ids), 5)] }

// substrings lists every run of one to max characters of every folded key
// of the services, each once, in a fixed order.
func substrings(list []store.Service, max int) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		for _, w := range append([]string{s.ID, s.Name, s.Kana, s.Operator}, s.Aliases...) {
			rs := []rune(store.Fold(w))
			for i := range rs {
				for j := i + 1; j <= len(rs) && j-i <= max; j++ {
					if q := string(rs[i:j]); !seen[q] {
						seen[q] = true
						out = append(out, q)
					}
				}
			}
		}
	}
	return out
}

// TestSearchMatchesTheRecordOnBundledData: every short run of characters of
// every key of the real data, as typed in other widths and kana, finds the
// same services in the same order as reading every service, and as SQLite's
// trigram index.
func TestSearchMatchesTheRecordOnBundledData(t *testing.T) {
	db, raw := openWithSQL(t, bundled(t))
	queries := substrings(db.Services(), 6)
	queries = append(queries, "カラーミーショップ", "ｶﾗｰﾐｰ", "SHOP-PRO.JP", "ゲオ", "楽天市場", "zzzz", "あ", "ー", "123", "株式会社")
	o := newOracle(db.Services())
	matched := 0
	for i, q := range queries {
		// SQLite is slow under -race: ask it for a fixed share of the queries.
		sqlRaw := raw
		if i%5 != 0 {
			sqlRaw = nil
		}
		if checkSearch(t, db, sqlRaw, o, q) > 0 {
			matched++
		}
	}
	if matched < len(queries)/2 {
		t.Errorf("only %d of %d queries matched anything", matched, len(queries))
	}
}

// TestSearchMatchesTheRecordAtScale: with thousands of services a broad
// query matches far more than a list shows; the first ones and the count
// must still be exactly the record's.
func TestSearchMatchesTheRecordAtScale(t *testing.T) {
	cat := synthCatalog(t, 3000)
	db, raw := openWithSQL(t, cat)
	o := newOracle(db.Services())
	broad := map[string]int{}
	for _, q := range []string{"さくら", "サクラ", "さく", "さ", "s", "sakura", "sakura1", "sakura12", "さくら商事", "さくら商事1", "株式会社", "商事", "synth", "synth-00042", "synth-00042-s1", "00042", "s0", "0", "12", "123", "example", "jp", "ショップ", "オンラインショップ", "さくら1オンラインショップ", "らしょ", "ら商", "zzz"} {
		broad[q] = checkSearch(t, db, raw, o, q)
	}
	if broad["さくら"] <= 100 || broad["さくら"] != broad["サクラ"] || broad["s"] != len(cat.Services) {
		t.Errorf("さくら %d, サクラ %d, s %d: want more than a list shows, alike, and every service by its id", broad["さくら"], broad["サクラ"], broad["s"])
	}
	// A deterministic sample of every run of characters of every key.
	all := substrings(db.Services(), 8)
	for i, q := range all {
		if i%199 == 0 {
			checkSearch(t, db, raw, o, q)
		}
	}
	t.Logf("%d queries sampled of %d", len(all)/199, len(all))
}
