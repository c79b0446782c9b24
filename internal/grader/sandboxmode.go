package grader

import (
	"fmt"
	"io"

	"github.com/bitsandlogits/course/internal/sandbox"
)

// sandboxAvailable is sandbox.Available; tests replace it.
var sandboxAvailable = sandbox.Available

// chooseSandbox sets cfg to grade in the OS sandbox, or says why not:
// self-study grades unsandboxed with one notice where the sandbox is
// unavailable; grading for a record (strict: --submissions, --json,
// --junit) refuses to, unless unsafe.
func chooseSandbox(cfg *Config, strict, unsafe bool, stderr io.Writer) error {
	if unsafe {
		cfg.Unsandboxed = true
		fmt.Fprintln(stderr, "course grade: --unsafe-no-sandbox: submissions run without the OS sandbox")
		return nil
	}
	err := sandboxAvailable()
	switch {
	case err == nil:
		cfg.RequireSandbox = true
	case strict:
		return fmt.Errorf("refusing to grade for a record without the OS sandbox: %v (install bubblewrap with user namespaces enabled, or pass --unsafe-no-sandbox)", err)
	default:
		cfg.Unsandboxed = true
		fmt.Fprintf(stderr, "course grade: no OS sandbox here (%v); your code runs unsandboxed\n", err)
	}
	return nil
}
