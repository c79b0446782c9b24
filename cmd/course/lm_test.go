package main

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

// Bad `course lm` arguments are usage errors (exit 2), found before any
// model is trained or loaded; negative sizes used to panic.
func TestLMArgumentErrors(t *testing.T) {
	for _, args := range []string{
		"",
		"bogus",
		"train --model x",
		"train --tokenizer x",
		"train --order -1",
		"train --model neural --tokenizer chars",
		"train --model neural --batch 0",
		"train --model neural --context -1",
		"train --model neural --max-time 0s",
		"train extra",
		"generate",
		"generate --prompt a --tokens 0",
		"generate --prompt a --model x",
		"generate --prompt a --model neural --tokenizer r50k",
		"generate --prompt a --top-p 2",
		"eval --model x",
		"eval --tokenizer x",
		"eval --model uniform --tokenizer bytes --text x",
	} {
		if err := runLM(strings.Fields(args)); !errors.Is(err, errUsage) {
			t.Errorf("course lm %s: err = %v, want a usage error", args, err)
		}
	}
	if err := runLM([]string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("course lm -h: err = %v, want flag.ErrHelp", err)
	}
}
