package grader

import "testing"

func TestCompileErrorLeadsWithTheFirstCompilerLine(t *testing.T) {
	for _, c := range []struct{ out, want string }{
		{"# example/02-softmax\n/box/02-softmax/softmax.go:12:5: undefined: y\n/box/02-softmax/softmax.go:13:1: missing return\n", "does not compile: 02-softmax/softmax.go:12:5: undefined: y"},
		{"# example/02-softmax.test\nlink: example/02-softmax: invalid reference to os.Exit\n", "does not compile: link: example/02-softmax: invalid reference to os.Exit"},
	} {
		if got := firstLine(compileError(c.out, "/box")); got != c.want {
			t.Errorf("compileError(%q): first line %q, want %q", c.out, got, c.want)
		}
	}
}
