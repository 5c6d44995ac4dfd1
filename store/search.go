package store

import (
	"context"
	"slices"
	"strings"
)

// searchIndex finds services by a folded query through postings kept in
// memory. The database's trigram table (service_search) holds the same keys
// for SQL readers of the file, but asking it cost a broad query about 5 ms
// with 10,000 incidents: it read back the row of each of the thousands of
// matching keys to learn its service, only for the list to show 100. Here a
// posting is read in place, and a query of one to three characters is
// answered, count and all, by the length of one posting.
type searchIndex struct {
	// keys are the folded keys of each service in list order, joined by
	// U+0000, which Fold never leaves in a key: one string per service, and
	// a query (never holding it) is found inside one key or not at all.
	keys []string
	// grams maps the first character of a key, and every run of two and of
	// three characters in it, to the services holding it: ascending list
	// positions, each once.
	grams map[uint64][]int32
}

// gram packs one to three characters (21 bits each) into one map key, so the
// index holds no string per gram. Fold never leaves U+0000 in a key, so the
// zeros of a shorter gram cannot be mistaken for characters: (r, 0, 0) is
// "a key starts with r", (a, b, 0) the pair ab anywhere.
func gram(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// eachGram calls fn with the first character of each key of joined keys and
// every pair and every triple of adjacent characters of it.
func eachGram(keys string, fn func(uint64)) {
	var a, b rune
	i := 0
	for _, r := range keys {
		if r == 0 {
			i = 0
			continue
		}
		if i == 0 {
			fn(gram(r, 0, 0))
		}
		if i >= 1 {
			fn(gram(b, r, 0))
		}
		if i >= 2 {
			fn(gram(a, b, r))
		}
		a, b, i = b, r, i+1
	}
}

// newSearchIndex indexes the services in list order. The postings are
// counted first and then filled into one array, so they hold no slack from
// growing by append.
func newSearchIndex(services []Service) searchIndex {
	x := searchIndex{keys: make([]string, len(services))}
	type tally struct{ n, last int32 } // last: list position + 1 of the latest service counted
	tallies := map[uint64]tally{}
	for i, s := range services {
		x.keys[i] = strings.Join(searchKeys(s), "\x00")
		eachGram(x.keys[i], func(g uint64) {
			if t := tallies[g]; t.last != int32(i+1) {
				tallies[g] = tally{t.n + 1, int32(i + 1)}
			}
		})
	}
	total := 0
	for _, t := range tallies {
		total += int(t.n)
	}
	flat := make([]int32, total)
	x.grams = make(map[uint64][]int32, len(tallies))
	off := 0
	for g, t := range tallies {
		x.grams[g] = flat[off : off : off+int(t.n)]
		off += int(t.n)
	}
	for i, keys := range x.keys {
		eachGram(keys, func(g uint64) {
			if p := x.grams[g]; len(p) == 0 || p[len(p)-1] != int32(i) {
				x.grams[g] = append(p, int32(i)) // within the capacity counted
			}
		})
	}
	return x
}

// find returns the list positions of the first n services (all when n < 0)
// matching a folded query, ascending, and how many match in all.
func (x *searchIndex) find(key string, n int) ([]int32, int) {
	rs := []rune(key)
	var ords []int32
	switch len(rs) {
	case 0:
		return nil, 0
	case 1:
		// One character matches the start of a key only: anywhere, it
		// would match most of the list.
		ords = x.grams[gram(rs[0], 0, 0)]
	case 2:
		ords = x.grams[gram(rs[0], rs[1], 0)]
	case 3:
		ords = x.grams[gram(rs[0], rs[1], rs[2])]
	default:
		return x.findLong(key, rs, n)
	}
	total := len(ords)
	if n >= 0 && n < total {
		ords = ords[:n]
	}
	return ords, total
}

// findLong answers a query of four characters or more: a matching key holds
// every triple of the query, so the services in all the triples' postings
// are the candidates, and each is confirmed by looking for the query in its
// keys (the postings do not say where in a key, nor whether in the same
// key). Every candidate is confirmed, for the count; there are few, as the
// rarest triple bounds them.
func (x *searchIndex) findLong(key string, rs []rune, n int) ([]int32, int) {
	lists := make([][]int32, 0, len(rs)-2)
	for i := 0; i+2 < len(rs); i++ {
		p := x.grams[gram(rs[i], rs[i+1], rs[i+2])]
		if len(p) == 0 {
			return nil, 0
		}
		lists = append(lists, p)
	}
	slices.SortFunc(lists, func(a, b []int32) int { return len(a) - len(b) })
	var ords []int32
	total := 0
candidates:
	for _, c := range lists[0] {
		for j, p := range lists[1:] {
			// The lists ascend: search only past the previous candidate.
			at, ok := slices.BinarySearch(p, c)
			lists[1+j] = p[at:]
			if !ok {
				continue candidates
			}
		}
		if !strings.Contains(x.keys[c], key) {
			continue
		}
		total++
		if n < 0 || len(ords) < n {
			ords = append(ords, c)
		}
	}
	return ords, total
}

// Search finds services by any name a person may type: name, kana, romaji,
// operator or domain, ignoring width, case, kana type and punctuation. An
// empty query lists every service.
func (d *DB) Search(ctx context.Context, query string) ([]Service, error) {
	list, _, err := d.SearchFirst(ctx, query, -1)
	return list, err
}

// SearchFirst is Search for a list a phone shows: the first n matches in
// list order (all when n < 0), and how many there are in all. A folded query
// of one character matches the start of a key, a longer one anywhere in it.
func (d *DB) SearchFirst(_ context.Context, query string, n int) ([]Service, int, error) {
	key := Fold(query)
	if key == "" {
		if n < 0 || n > len(d.list) {
			n = len(d.list)
		}
		return d.list[:n], len(d.list), nil
	}
	ords, total := d.search.find(key, n)
	out := make([]Service, 0, len(ords))
	for _, o := range ords {
		out = append(out, d.list[o])
	}
	return out, total, nil
}

func searchKeys(s Service) []string {
	words := append([]string{s.ID, s.Name, s.Kana, s.Operator}, s.Aliases...)
	var keys []string
	for _, w := range words {
		if k := Fold(w); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
