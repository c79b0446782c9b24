// Package panictest checks the panics that the course's packages raise on
// programmer error: that they happen, and that their message names the
// function and the bad value.
package panictest

import (
	"fmt"
	"strings"
	"testing"
)

// Check runs f and reports a test error unless it panics with a message that
// contains every one of fragments. name labels the case in the report.
func Check(t testing.TB, name string, f func(), fragments ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: did not panic", name)
			return
		}
		msg := fmt.Sprint(r)
		for _, frag := range fragments {
			if !strings.Contains(msg, frag) {
				t.Errorf("%s: panic %q does not mention %q", name, msg, frag)
			}
		}
	}()
	f()
}
