//go:build !(amd64 && goexperiment.simd)

package vecmath

// affineStream has no non-temporal version on this build.
func affineStream(dst, x []float32, a, b float32) bool { return false }
