package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args []string
		pos  []string
		v    bool
		n    int
	}{
		{[]string{"a", "-v", "b", "-n", "3"}, []string{"a", "b"}, true, 3},
		{[]string{"-n", "2", "--", "-v", "x"}, []string{"-v", "x"}, false, 2},
		{[]string{"a", "--", "-n", "5"}, []string{"a", "-n", "5"}, false, 0},
		{[]string{"--"}, nil, false, 0},
		{nil, nil, false, 0},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		v, n := fs.Bool("v", false, ""), fs.Int("n", 0, "")
		pos, err := Parse(fs, c.args)
		if err != nil || !slices.Equal(pos, c.pos) || *v != c.v || *n != c.n {
			t.Errorf("Parse(%q) = %q, v %v, n %d, %v; want %q, v %v, n %d", c.args, pos, *v, *n, err, c.pos, c.v, c.n)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if _, err := Parse(fs, []string{"a", "-x"}); !errors.Is(err, ErrUsage) {
		t.Errorf("unknown flag: err = %v, want a usage error", err)
	}
	if err := ParseNone(fs, []string{"a"}); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), `"a"`) {
		t.Errorf("ParseNone(a): err = %v", err)
	}
}

// Each way a command can end maps to its exit status, and every usage
// message comes with the command's usage line, written once.
func TestExitStatus(t *testing.T) {
	fail := errors.New("boom")
	for _, c := range []struct {
		args   []string
		err    error
		cancel bool
		code   int
		stderr string
	}{
		{nil, nil, false, ExitUsage, "usage: prog <subcommand>"},
		{[]string{"help"}, nil, false, ExitOK, ""},
		{[]string{"nope"}, nil, false, ExitUsage, `unknown subcommand "nope"`},
		{[]string{"c"}, nil, false, ExitOK, ""},
		{[]string{"c"}, fail, false, ExitFailure, "prog c: boom\n"},
		{[]string{"c"}, Usagef("bad %d", 7), false, ExitUsage, "prog c: bad 7\nusage: prog c ARG\n"},
		{[]string{"c", "-zz"}, nil, false, ExitUsage, "flag provided but not defined: -zz\nusage: prog c ARG\n"},
		{[]string{"c", "-h"}, nil, false, ExitOK, "usage: prog c ARG\n\nlong help\n"},
		{[]string{"help", "c"}, nil, false, ExitOK, "usage: prog c ARG\n"},
		{[]string{"c"}, context.Canceled, true, ExitInterrupted, "prog c: interrupted\n"},
	} {
		var stdout, stderr strings.Builder
		cmd := &Command{Name: "c", Args: "ARG", Short: "a command", Long: "long help",
			Run: func(_ context.Context, fs *flag.FlagSet, args []string) error {
				if _, err := Parse(fs, args); err != nil {
					return err
				}
				return c.err
			}}
		p := &Program{Name: "prog", Title: "prog — test", Commands: []*Command{cmd}, Stdout: &stdout, Stderr: &stderr}
		ctx, cancel := context.WithCancel(context.Background())
		if c.cancel {
			cancel()
		}
		code := p.Run(ctx, c.args)
		cancel()
		if code != c.code || !strings.Contains(stderr.String(), c.stderr) {
			t.Errorf("prog %q: exit %d, stderr %q; want %d and %q", c.args, code, stderr.String(), c.code, c.stderr)
		}
	}
}
