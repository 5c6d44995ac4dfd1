package store_test

import (
	"sync"
	"testing"
	"time"

	"exposurecheck/store"
)

// TestHolidayConcurrently: requests ask for holidays at once, each for its
// own days. The calendar library works out an equinox by writing the
// holiday it shares between calls, so under -race this fails unless the
// calls are serialised; and every answer must still be that year's.
func TestHolidayConcurrently(t *testing.T) {
	// 春分の日 per year, from the Cabinet Office's lists.
	want := map[int]int{2016: 20, 2017: 20, 2018: 21, 2019: 21, 2020: 20, 2021: 20, 2022: 21, 2023: 21, 2024: 20, 2025: 20}
	var wg sync.WaitGroup
	for y, d := range want {
		wg.Go(func() {
			for range 50 {
				if name, ok := store.Holiday(time.Date(y, time.March, d, 10, 0, 0, 0, store.Tokyo)); !ok || name != "春分の日" {
					t.Errorf("%d-03-%02d: %q, %v", y, d, name, ok)
					return
				}
			}
		})
	}
	wg.Wait()
}
