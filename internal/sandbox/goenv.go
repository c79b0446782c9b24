package sandbox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Toolchain returns the mount of the host's Go toolchain (`go env GOROOT`)
// at [GoRootDir]. It must be readable by any user, as /usr/local/go is.
func Toolchain(ctx context.Context) (Mount, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return Mount{}, fmt.Errorf("sandbox: go env GOROOT: %w", err)
	}
	return Mount{Host: strings.TrimSpace(string(out)), Path: GoRootDir}, nil
}

// GoEnv is the environment for a go command in the sandbox: the toolchain
// at [GoRootDir], the build cache at cache (a path inside), offline, no
// cgo, no telemetry, and the host's GOEXPERIMENT so that cache keys match.
func GoEnv(cache string) []string {
	return []string{
		"PATH=" + GoRootDir + "/bin",
		"HOME=" + TmpDir,
		"TMPDIR=" + TmpDir,
		"GOCACHE=" + cache,
		"GOPATH=" + TmpDir + "/gopath",
		"GOENV=off",
		"GOTOOLCHAIN=local",
		"GOPROXY=off",
		"GOFLAGS=-mod=mod",
		"GOWORK=off",
		"CGO_ENABLED=0",
		"GOTELEMETRY=off",
		"GOEXPERIMENT=" + os.Getenv("GOEXPERIMENT"),
	}
}
