package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(context.Background(), args, &out, &errs, noEnv)
	return code, out.String(), errs.String()
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDraftCommand(t *testing.T) {
	notice := "2018年12月25日\nお客様各位\n\n・2018年10月17日22時05分から2018年11月12日21時50分\n上記期間内にクレジットカード番号を入力された方\n■専用ダイヤル:0120-790-230\n"
	cases := []struct {
		name     string
		args     func(t *testing.T) []string
		code     int
		stdout   []string // substrings the draft must hold
		stderrIs string
	}{
		{"a notice, flags after the file", func(t *testing.T) []string {
			return []string{"draft", writeFile(t, "dl.txt", []byte(notice)), "--id", "dl-2018"}
		}, 0, []string{`id: "dl-2018"`, `from: "2018-10-17T22:05"`, `through: "2018-11-12T21:50"`, `value: "0120-790-230"`}, ""},
		{"an excerpt keeps its source line out of the text", func(t *testing.T) []string {
			return []string{"draft", writeFile(t, "x.txt", []byte("source: https://example.jp/n\n"+notice))}
		}, 0, []string{`excerpt: true`, `retrieved_from: "https://example.jp/n"`}, ""},
		{"odd text still drafts", func(t *testing.T) []string {
			return []string{"draft", writeFile(t, "odd.txt", []byte("\x00\x01 ～〜 0120- 年月日 (((( 「「 ■■ 2099年99月99日 "+strings.Repeat("最大", 500)))}
		}, 0, []string{"populations:"}, ""},
		{"an empty file drafts", func(t *testing.T) []string {
			return []string{"draft", writeFile(t, "empty.txt", nil)}
		}, 0, []string{`title: "TODO"`}, ""},
		{"a missing file is a clear error", func(t *testing.T) []string {
			return []string{"draft", filepath.Join(t.TempDir(), "nope.txt")}
		}, 1, nil, "reading the notice"},
		{"Shift_JIS bytes are refused", func(t *testing.T) []string {
			return []string{"draft", writeFile(t, "sjis.txt", []byte{0x82, 0xa0, 0x82, 0xa2})}
		}, 1, nil, "not UTF-8"},
		{"no file", func(t *testing.T) []string { return []string{"draft"} }, 2, nil, "usage"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCmd(t, c.args(t)...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, c.code, errs)
			}
			for _, s := range c.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("draft lacks %q:\n%s", s, out)
				}
			}
			if c.stderrIs != "" && !strings.Contains(errs, c.stderrIs) {
				t.Errorf("stderr %q lacks %q", errs, c.stderrIs)
			}
		})
	}
}

// TestDraftScore scores the bundled data against the shared notices: the
// command must find each file's notice and print one row per file.
func TestDraftScore(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "notices")); err != nil {
		t.Skip("no shared notices")
	}
	code, out, errs := runCmd(t, "draft-score", "--data", filepath.Join("..", "..", "data"), "--shared", shared)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, id := range []string{"colorme-2018", "dlmarket-2018", "geo-eshop-2011", "can-makeshop-2016", "stylestore-cocomo-2016", "**total**"} {
		if !strings.Contains(out, "| "+id+" |") {
			t.Errorf("no row for %s:\n%s", id, out)
		}
	}
	if strings.Contains(errs, "skipped") {
		t.Errorf("a file was skipped: %s", errs)
	}
	code, _, errs = runCmd(t, "draft-score", "--data", t.TempDir(), "--shared", shared)
	if code != 1 || !strings.Contains(errs, "no incident files") {
		t.Errorf("empty data folder: exit %d, stderr %q", code, errs)
	}
}
