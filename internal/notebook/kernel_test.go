package notebook

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A gonb kernel registered from another checkout is no kernel of this one:
// doctor says ✗ and names that checkout; this checkout's bin/gonb passes.
func TestKernelOfAnotherCheckout(t *testing.T) {
	r := repoForTest(t)
	gonb := filepath.Join(r.Bin(), "gonb")
	if toolVersion(gonb) != GoNBVersion {
		t.Skip("bin/gonb not built (go run ./cmd/course setup)")
	}
	data, other := t.TempDir(), filepath.Join(t.TempDir(), "other-checkout")
	t.Setenv("JUPYTER_DATA_DIR", data)
	register := func(kernel string) {
		spec := filepath.Join(data, "kernels", "gonb", "kernel.json")
		if err := os.MkdirAll(filepath.Dir(spec), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(spec, fmt.Appendf(nil, `{"argv": [%q, "--kernel", "{connection_file}"]}`, kernel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	foreign := filepath.Join(other, "bin", "gonb")
	os.MkdirAll(filepath.Dir(foreign), 0o755)
	b, err := os.ReadFile(gonb) // the same GoNB, another file
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(foreign, b, 0o755); err != nil {
		t.Fatal(err)
	}
	register(foreign)
	if c := r.kernelCheck(); c.OK || !strings.Contains(c.Detail, "another checkout ("+other+")") {
		t.Errorf("foreign kernel: %+v", c)
	}
	register(gonb)
	if c := r.kernelCheck(); !c.OK {
		t.Errorf("this checkout's kernel: %+v", c)
	}
}
