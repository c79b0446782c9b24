package xla

import (
	"testing"

	"github.com/bitsandlogits/course/internal/contract/conformance"
)

// TestConformance runs the table shared with pkg/rows (values and panic
// messages) on the engine's backend.
func TestConformance(t *testing.T) { conformance.Run(t, "xla", engine) }
