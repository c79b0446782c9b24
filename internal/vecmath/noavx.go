//go:build !(amd64 && goexperiment.simd)

package vecmath

// availableISAs: without GOEXPERIMENT=simd on amd64 only the portable
// kernels exist.
func availableISAs() []string { return []string{"scalar"} }

func useSIMD(string) {}
