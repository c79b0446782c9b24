package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/bitsandlogits/course/internal/cli"
)

// TestBenchArgs: every numeric flag of bench is range-checked before any
// work, with the bound (and for the shape the memory it implies), as a
// usage error rather than a panic or an out-of-memory crash.
func TestBenchArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--batch", "1", "--vocab", "9223372036854775807"}, "want 1 ≤ vocab ≤ 16777216"},
		{[]string{"--batch", "1000000", "--vocab", "1000000"}, "512 MiB per float32 batch"},
		{[]string{"--batch", "0"}, "batch = 0"},
		{[]string{"--vocab", "-5"}, "vocab = -5"},
		{[]string{"--runs", "0"}, "want 1 ≤ runs ≤ 1000"},
		{[]string{"--runs", "1000000000"}, "runs = 1000000000"},
		{[]string{"--gomlx-budget", "-1s"}, "gomlx budget = -1s"},
		{[]string{"--op", "nope", "--no-torch"}, `--op "nope"`},
	} {
		cmd := benchCmd()
		err := cmd.Run(context.Background(), cmd.FlagSet("course", io.Discard), c.args)
		if !errors.Is(err, cli.ErrUsage) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("bench %v: %v, want a usage error mentioning %q", c.args, err, c.want)
		}
	}
}
