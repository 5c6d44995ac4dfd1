package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

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
