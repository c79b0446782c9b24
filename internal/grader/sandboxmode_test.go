package grader

import (
	"errors"
	"strings"
	"testing"
)

// TestChooseSandbox: without the OS sandbox, self-study grades with one
// notice, grading for a record refuses unless --unsafe-no-sandbox, and
// with the sandbox every run requires it.
func TestChooseSandbox(t *testing.T) {
	saved := sandboxAvailable
	defer func() { sandboxAvailable = saved }()

	sandboxAvailable = func() error { return errors.New("no user namespaces") }
	for _, c := range []struct {
		name           string
		strict, unsafe bool
		wantErr        string
		wantNotice     string
		unsandboxed    bool
	}{
		{"self-study", false, false, "", "runs unsandboxed", true},
		{"for a record", true, false, "--unsafe-no-sandbox", "", false},
		{"for a record, unsafe", true, true, "", "without the OS sandbox", true},
	} {
		var cfg Config
		var notice strings.Builder
		err := chooseSandbox(&cfg, c.strict, c.unsafe, &notice)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%s: err = %v, want one naming %s", c.name, err, c.wantErr)
			}
			continue
		}
		if err != nil || cfg.Unsandboxed != c.unsandboxed || !strings.Contains(notice.String(), c.wantNotice) {
			t.Errorf("%s: err %v, unsandboxed %v, notice %q", c.name, err, cfg.Unsandboxed, notice.String())
		}
	}

	sandboxAvailable = func() error { return nil }
	var cfg Config
	if err := chooseSandbox(&cfg, true, false, &strings.Builder{}); err != nil || !cfg.RequireSandbox || cfg.Unsandboxed {
		t.Errorf("with the sandbox: err %v, cfg %+v; want RequireSandbox", err, cfg)
	}
}
