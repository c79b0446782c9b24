package rows_test

import (
	"testing"

	"github.com/bitsandlogits/course/internal/contract/conformance"
	"github.com/bitsandlogits/course/internal/vecmath"
)

// TestConformance runs the table shared with pkg/xla (values and panic
// messages) on every kernel set this CPU has: AVX-512, AVX2, SSE2, scalar.
func TestConformance(t *testing.T) {
	defer vecmath.SetISA(vecmath.ISA())
	for _, isa := range vecmath.ISAs() {
		vecmath.SetISA(isa)
		t.Run(isa, func(t *testing.T) { conformance.Run(t, "rows", conformance.Rows{}) })
	}
}
