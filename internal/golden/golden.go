// Package golden reads the reference values that testdata/golden/gen.py
// computes with PyTorch, SciPy and scikit-learn, and compares floats the way
// the tests need: within a relative tolerance, with exact agreement required
// for infinities, NaN and zero.
package golden

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Float is a float64 that also decodes the strings "Inf", "-Inf" and "NaN"
// in any case ("inf", "-inf", "nan" too): gen.py and the PyTorch scripts
// write them because JSON has no literal for non-finite numbers.
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		switch strings.ToLower(s) {
		case "inf", "+inf":
			*f = Float(math.Inf(1))
		case "-inf":
			*f = Float(math.Inf(-1))
		case "nan":
			*f = Float(math.NaN())
		default:
			return fmt.Errorf("golden: unknown float string %q", s)
		}
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Float(v)
	return nil
}

// Floats converts a decoded slice to []float64.
func Floats(x []Float) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// Load decodes testdata/golden/NAME (found from this source file's location,
// so it works from any package's test) into v.
func Load(name string, v any) error {
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "golden", name)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("golden: %w (regenerate with /usr/bin/python3 testdata/golden/gen.py)", err)
	}
	return json.Unmarshal(data, v)
}

// Close reports whether got agrees with want to within rel relative error
// (absolute error abs for values near zero). Infinities must match exactly in
// sign, NaN matches only NaN.
func Close(got, want, rel, abs float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	return math.Abs(got-want) <= max(abs, rel*math.Abs(want))
}
