package main

import "testing"

func TestServingGCPercentFor(t *testing.T) {
	for _, tt := range []struct {
		live int64
		want int
	}{
		{0, 400},         // nothing read: the plain setting
		{4 << 20, 1600},  // bundled data: 64 MiB of room is 1600% of 4 MiB
		{16 << 20, 400},  // 64 MiB is 400% of 16 MiB
		{130 << 20, 400}, // 10,000 incidents: the ceiling decides
		{1 << 20, 6400},  // a tiny heap still gets 64 MiB
		{-1, 400},        // an unreadable sample
	} {
		if got := servingGCPercentFor(tt.live); got != tt.want {
			t.Errorf("servingGCPercentFor(%d) = %d, want %d", tt.live, got, tt.want)
		}
	}
}
