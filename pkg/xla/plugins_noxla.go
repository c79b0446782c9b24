//go:build noxla || !cgo || !((linux && (amd64 || arm64)) || (darwin && arm64))

package xla

import "fmt"

// XLACompiled reports whether this binary contains the XLA backend.
const XLACompiled = false

func installedPlugin() string { return "" }

func openXLA(config string) (*Engine, error) {
	return nil, fmt.Errorf("xla: GOMLX_BACKEND=%q: this binary was built without the XLA backend "+
		"(-tags noxla or CGO_ENABLED=0); rebuild with cgo and without -tags noxla, or use GOMLX_BACKEND=go", config)
}
