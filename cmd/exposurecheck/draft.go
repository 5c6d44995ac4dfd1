package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"

	"exposurecheck/store/draft"
)

// draftCmd writes a draft incident file for one notice to stdout:
//
//	exposurecheck draft NOTICE.txt [--id ID]
func draftCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("draft", flag.ContinueOnError)
	fl.SetOutput(stderr)
	id := fl.String("id", "", "incident id (default: from the file name and the notice's year)")
	files, err := parseInterspersed(fl, args)
	if err != nil {
		return 2
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "usage: exposurecheck draft NOTICE.txt [--id ID]")
		return 2
	}
	text, err := readNotice(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "exposurecheck draft: %v\n", err)
		return 1
	}
	d := draft.Build(text, draft.Options{ID: *id, File: filepath.Base(files[0]), Today: time.Now()})
	if _, err := io.WriteString(stdout, d.YAML()); err != nil {
		fmt.Fprintf(stderr, "exposurecheck draft: writing the draft: %v\n", err)
		return 1
	}
	return 0
}

// parseInterspersed lets flags come after the file name too, as people type
// them (`draft notice.txt --id x`); the flag package stops at the first
// argument that is not a flag.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		if fl.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

// readNotice reads a notice and refuses what is not text: a draft of a binary
// file's bytes would quote garbage.
func readNotice(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("reading the notice: %w", err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("reading the notice %s: %w", name, errNotUTF8)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}

var errNotUTF8 = errors.New("not UTF-8 text (convert it first, e.g. iconv -f SHIFT_JIS -t UTF-8)")

// draftScoreCmd drafts the notice of every hand-made incident file and prints
// how much of the file the draft recovered:
//
//	exposurecheck draft-score [--data DIR] [--shared DIR] [-v]
func draftScoreCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("draft-score", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dataDir := fl.String("data", "data", "data folder with incidents/*.yaml")
	shared := fl.String("shared", "../shared", "folder holding notices/ and excerpts/")
	verbose := fl.Bool("v", false, "also list each missed and each false value")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	scores, err := scoreAll(*dataDir, *shared, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "exposurecheck draft-score: %v\n", err)
		return 1
	}
	if err := draft.WriteTable(stdout, scores); err != nil {
		fmt.Fprintf(stderr, "exposurecheck draft-score: %v\n", err)
		return 1
	}
	if *verbose {
		if err := draft.WriteMisses(stdout, scores); err != nil {
			fmt.Fprintf(stderr, "exposurecheck draft-score: %v\n", err)
			return 1
		}
	}
	return 0
}

func scoreAll(dataDir, shared string, stderr io.Writer) ([]draft.Score, error) {
	files, err := filepath.Glob(filepath.Join(dataDir, "incidents", "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("listing incident files: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no incident files in %s", filepath.Join(dataDir, "incidents"))
	}
	var scores []draft.Score
	for _, f := range files {
		s, err := scoreOne(f, shared)
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", f, err)
			continue
		}
		scores = append(scores, s)
	}
	return scores, nil
}

func scoreOne(file, shared string) (draft.Score, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return draft.Score{}, fmt.Errorf("reading: %w", err)
	}
	var hand map[string]any
	if err := yaml.Unmarshal(raw, &hand); err != nil {
		return draft.Score{}, fmt.Errorf("decoding: %w", err)
	}
	name := draft.NoticeName(hand)
	if name == "" {
		return draft.Score{}, errors.New("names no notice")
	}
	var text string
	for _, dir := range []string{"notices", "excerpts"} {
		if text, err = readNotice(filepath.Join(shared, dir, name)); err == nil {
			break
		}
	}
	if err != nil {
		return draft.Score{}, fmt.Errorf("notice %s: %w", name, err)
	}
	id, _ := hand["id"].(string)
	d := draft.Build(text, draft.Options{ID: id, File: name, Today: time.Now()})
	return draft.ScoreDraft(hand, d), nil
}
