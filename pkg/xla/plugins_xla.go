//go:build !noxla && cgo && ((linux && (amd64 || arm64)) || (darwin && arm64))

package xla

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/support/xslices"
	goxla "github.com/gomlx/go-xla/compute/xla"
	"github.com/gomlx/go-xla/pjrt"
	"github.com/gomlx/gomlx/core/graph"
)

// XLACompiled reports whether this binary contains the XLA backend.
const XLACompiled = true

// installedPlugin returns the preferred PJRT plugin already installed
// ("cuda", then "cpu", then any), or "" if there is none. It never
// downloads.
func installedPlugin() string {
	names := xslices.Keys(pjrt.AvailablePlugins())
	for _, want := range []string{"cuda", "cpu"} {
		if i := slices.IndexFunc(names, func(n string) bool { return n == want || strings.HasPrefix(n, want+"_") }); i >= 0 {
			return names[i]
		}
	}
	if len(names) > 0 {
		slices.Sort(names)
		return names[0]
	}
	return ""
}

func openXLA(config string) (*Engine, error) {
	goxla.EnableAutoInstall(false) // never download behind the user's back
	_, pluginCfg, _ := strings.Cut(config, ":")
	plugin, _, _ := strings.Cut(pluginCfg, ",")
	if plugin == "" {
		plugin = installedPlugin()
		if plugin == "" {
			return nil, fmt.Errorf("xla: GOMLX_BACKEND=%q: %s", config, installHelp("cpu"))
		}
		pluginCfg = plugin + pluginCfg
	}
	if !strings.HasPrefix(plugin, "/") {
		found := false
		for name := range pjrt.AvailablePlugins() {
			if name == plugin || strings.HasPrefix(name, plugin+"_") {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("xla: GOMLX_BACKEND=%q: no PJRT plugin %q installed: %s", config, plugin, installHelp(plugin))
		}
	}
	b, err := func() (b compute.Backend, err error) {
		defer func() { // go-xla panics on some plugin load failures
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return goxla.New(pluginCfg)
	}()
	if err != nil {
		return nil, fmt.Errorf("xla: opening XLA plugin %q: %w (%s)", plugin, err, installHelp(plugin))
	}
	return &Engine{backend: b, name: "xla:" + plugin, execs: map[string]*graph.Exec{}}, nil
}

// installHelp says how to make a PJRT plugin available.
func installHelp(plugin string) string {
	where := os.Getenv("PJRT_PLUGIN_LIBRARY_PATH")
	if where == "" {
		where = "unset"
	}
	if strings.HasPrefix(plugin, "cuda") {
		return "install JAX's CUDA PJRT plugin (pip install jax-cuda13-pjrt), link its xla_cuda_plugin.so as " +
			"pjrt_c_api_cuda_plugin.so in a folder, and point PJRT_PLUGIN_LIBRARY_PATH at that folder " +
			"(currently " + where + "); scripts/gpu-check.sh does this"
	}
	return "install a PJRT plugin named pjrt_c_api_" + plugin + "_plugin.so (go run github.com/gomlx/go-xla/cmd/pjrt_installer) " +
		"in /usr/local/lib/go-xla or ~/.local/lib/go-xla, or point PJRT_PLUGIN_LIBRARY_PATH at its folder (currently " + where + "); " +
		"or use GOMLX_BACKEND=go"
}
