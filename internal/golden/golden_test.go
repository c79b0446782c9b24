package golden

import (
	"encoding/json"
	"math"
	"testing"
)

// Both spellings of the non-finite values decode, from gen.py ("Inf") and
// from the PyTorch scripts ("inf"); anything else is an error.
func TestFloatSpellings(t *testing.T) {
	var got []Float
	if err := json.Unmarshal([]byte(`["Inf", "inf", "-Inf", "-inf", "NaN", "nan", 1.5, -0.25]`), &got); err != nil {
		t.Fatal(err)
	}
	want := []float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1), math.NaN(), math.NaN(), 1.5, -0.25}
	for i, w := range want {
		if !Close(float64(got[i]), w, 0, 0) {
			t.Errorf("value %d: got %v, want %v", i, got[i], w)
		}
	}
	var f Float
	if err := json.Unmarshal([]byte(`"infinite"`), &f); err == nil {
		t.Error(`"infinite" decoded without an error`)
	}
}
