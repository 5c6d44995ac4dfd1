package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"exposurecheck/data"
	"exposurecheck/store"
)

// defaultNotices and defaultExcerpts are where the texts sit beside a
// checkout of this repo.
const (
	defaultNotices  = "../shared/notices"
	defaultExcerpts = "../shared/excerpts"
)

// dataFlags are the flags every subcommand shares.
type dataFlags struct {
	dir      string
	notices  string
	excerpts string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dir, "data", "", "data folder laid out like data/ (default: the embedded data)")
	fs.StringVar(&d.notices, "notices", "", "folder of full notice texts that quotes must appear in (default: "+defaultNotices+" when present)")
	fs.StringVar(&d.excerpts, "excerpts", "", "folder of excerpt texts (first line \"source: URL\") (default: "+defaultExcerpts+" when present)")
}

// folderOr returns the flag's folder, or the default when it exists.
func folderOr(flagValue, def string) string {
	if flagValue != "" {
		return flagValue
	}
	if st, err := os.Stat(def); err == nil && st.IsDir() {
		return def
	}
	return ""
}

// load reads and validates the data; quotes are checked against the notices
// when that folder exists.
func (d *dataFlags) load(stderr io.Writer) (*store.Catalog, error) {
	var fsys fs.FS = data.FS
	name := "data/"
	if d.dir != "" {
		fsys, name = os.DirFS(d.dir), d.dir+"/"
	}
	notices, excerpts := folderOr(d.notices, defaultNotices), folderOr(d.excerpts, defaultExcerpts)
	if notices == "" || excerpts == "" {
		fmt.Fprintf(stderr, "note: %s or %s not found; quotes are required but not checked against them\n", defaultNotices, defaultExcerpts)
		if notices == "" && excerpts == "" {
			return store.Load(fsys, store.LoadOptions{Name: name})
		}
	}
	return store.Load(fsys, store.LoadOptions{Notices: notices, Excerpts: excerpts, Name: name})
}

func validate(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("validate", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d dataFlags
	d.register(fl)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	cat, err := d.load(stderr)
	var problems store.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stdout, "%d problem(s)\n", len(problems))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "exposurecheck validate: %v\n", err)
		return 1
	}
	pops, contacts := 0, 0
	for _, inc := range cat.Incidents {
		pops += len(inc.Populations)
		contacts += len(inc.Contacts)
	}
	fmt.Fprintf(stdout, "data is valid: %d incidents, %d services, %d populations, %d contacts\n", len(cat.Incidents), len(cat.Services), pops, contacts)
	return 0
}

func buildDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var d dataFlags
	d.register(fl)
	out := fl.String("out", "", "SQLite file to write")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out FILE is required")
	}
	cat, err := d.load(stderr)
	if err != nil {
		return err
	}
	if err := store.WriteFile(ctx, cat, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}
