//go:build !linux

package sandbox

import (
	"context"
	"fmt"
	"runtime"
)

// Box is one submission's sandbox; only Linux has one.
type Box struct{ Dir string }

var errOS = fmt.Errorf("%w: bubblewrap needs Linux, not %s", ErrUnavailable, runtime.GOOS)

// Parallel is how many runs may be in flight at once.
var Parallel = 1

// Available reports that there is no sandbox on this system.
func Available() error { return errOS }

// New fails: there is no sandbox on this system.
func New() (*Box, error) { return nil, errOS }

// Close does nothing.
func (b *Box) Close() error { return nil }

// Run fails: there is no sandbox on this system.
func (b *Box) Run(context.Context, Spec) (Result, error) { return Result{}, errOS }

// LinkCache fails: there is no sandbox on this system.
func (b *Box) LinkCache(warm, rel string) (string, error) { return "", errOS }

// Export fails: there is no sandbox on this system.
func (b *Box) Export(rel, dst string) error { return errOS }
