package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// TorchAvailable reports whether python can import torch, with the
// reason when it cannot.
func TorchAvailable(python string) error {
	if _, err := os.Stat(python); err != nil {
		return fmt.Errorf("%s not found", python)
	}
	out, err := exec.Command(python, "-c", "import torch").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s cannot import torch: %s", python, lastLine(out))
	}
	return nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// runTorch runs the peer script with the same shape, runs and thread
// count (GOMAXPROCS) and parses its JSON lines.
func runTorch(cfg Config, names []string) ([]Result, error) {
	if err := TorchAvailable(cfg.Python); err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.TorchScript); err != nil {
		return nil, fmt.Errorf("peer script %s not found (run from the repository root)", cfg.TorchScript)
	}
	cmd := exec.Command(cfg.Python, cfg.TorchScript,
		"--batch", fmt.Sprint(cfg.Batch), "--vocab", fmt.Sprint(cfg.Vocab),
		"--threads", fmt.Sprint(runtime.GOMAXPROCS(0)), "--runs", fmt.Sprint(cfg.Runs),
		"--ops", strings.Join(names, ","))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s failed: %v: %s", cfg.TorchScript, err, lastLine(stderr.Bytes()))
	}
	var results []Result
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return results, fmt.Errorf("%s: bad output line %q: %v", cfg.TorchScript, sc.Text(), err)
		}
		if opByName(r.Op) == nil {
			return results, errors.New("peer script reported unknown op " + r.Op)
		}
		results = append(results, r)
	}
	return results, nil
}
