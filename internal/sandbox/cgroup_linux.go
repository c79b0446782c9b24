//go:build linux

package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// cgroupRoot is where cgroup v2, or v1's one-controller hierarchies, are.
const cgroupRoot = "/sys/fs/cgroup"

// cgroup is one run's memory and pids cgroup: memory ≤ Limits.Total and
// tasks ≤ Limits.Procs for the box's processes together. Only a root
// grader on a host with the memory controller gets one; otherwise Run
// relies on the rlimits alone.
type cgroup struct {
	v2        bool
	mem, pids string // folders; the same one under v2
	fd        int    // v2: the folder, for CLONE_INTO_CGROUP
}

// newCgroup makes course-sandbox/name under v2 or under v1's memory and
// pids hierarchies, sets its limits and lets uid move itself in (v1).
// It returns nil when no cgroup can be made.
func newCgroup(name string, lim Limits, uid int) *cgroup {
	if os.Getuid() != 0 {
		return nil
	}
	c := &cgroup{fd: -1}
	if _, err := os.Stat(filepath.Join(cgroupRoot, "cgroup.controllers")); err == nil {
		c.v2 = true
		c.mem = filepath.Join(cgroupRoot, "course-sandbox", name)
		c.pids = c.mem
	} else {
		c.mem = filepath.Join(cgroupRoot, "memory", "course-sandbox", name)
		c.pids = filepath.Join(cgroupRoot, "pids", "course-sandbox", name)
	}
	if err := c.setup(lim, uid); err != nil {
		c.remove()
		return nil
	}
	return c
}

func (c *cgroup) setup(lim Limits, uid int) error {
	if c.v2 {
		parent := filepath.Dir(c.mem)
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		if err := write(parent, "cgroup.subtree_control", "+memory +pids"); err != nil {
			return err
		}
	}
	for _, d := range []string{c.mem, c.pids} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if c.v2 {
		if err := write(c.mem, "memory.max", strconv.FormatInt(lim.Total, 10)); err != nil {
			return err
		}
		write(c.mem, "memory.swap.max", "0")
		if err := write(c.pids, "pids.max", strconv.Itoa(lim.Procs)); err != nil {
			return err
		}
		fd, err := syscall.Open(c.mem, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		c.fd = fd
		return err
	}
	if err := write(c.mem, "memory.limit_in_bytes", strconv.FormatInt(lim.Total, 10)); err != nil {
		return err
	}
	write(c.mem, "memory.memsw.limit_in_bytes", strconv.FormatInt(lim.Total, 10))
	if err := write(c.pids, "pids.max", strconv.Itoa(lim.Procs)); err != nil {
		return err
	}
	for _, d := range []string{c.mem, c.pids} {
		if err := os.Chown(filepath.Join(d, "cgroup.procs"), uid, uid); err != nil {
			return err
		}
	}
	return nil
}

// joinArgs is the v1 prefix that moves the first process (already the
// box's uid) into both cgroups before it execs the rest; nil under v2.
func (c *cgroup) joinArgs() []string {
	if c == nil || c.v2 {
		return nil
	}
	return []string{"/bin/sh", "-c", `echo 0 >"$1" && echo 0 >"$2" && shift 2 && exec "$@"`, "sh",
		filepath.Join(c.mem, "cgroup.procs"), filepath.Join(c.pids, "cgroup.procs")}
}

// attach puts the child straight into the v2 cgroup at clone time.
func (c *cgroup) attach(attr *syscall.SysProcAttr) {
	if c != nil && c.v2 {
		attr.UseCgroupFD, attr.CgroupFD = true, c.fd
	}
}

// members lists the processes in the cgroup.
func (c *cgroup) members() []int {
	data, _ := os.ReadFile(filepath.Join(c.mem, "cgroup.procs"))
	var pids []int
	for _, f := range strings.Fields(string(data)) {
		if pid, err := strconv.Atoi(f); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids
}

// oomKilled reports whether the kernel killed a process for the limit.
func (c *cgroup) oomKilled() bool {
	if c == nil {
		return false
	}
	file, key := "memory.oom_control", "oom_kill"
	if c.v2 {
		file = "memory.events"
	}
	data, _ := os.ReadFile(filepath.Join(c.mem, file))
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == key {
			return f[1] != "0"
		}
	}
	return false
}

// peak is the most memory the run used together, in bytes (0: unknown).
func (c *cgroup) peak() int64 {
	if c == nil {
		return 0
	}
	file := "memory.max_usage_in_bytes"
	if c.v2 {
		file = "memory.peak"
	}
	data, _ := os.ReadFile(filepath.Join(c.mem, file))
	n, _ := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
	return n
}

// remove deletes the cgroup folders, retrying while the kernel finishes
// tearing the last processes down.
func (c *cgroup) remove() {
	if c == nil {
		return
	}
	if c.fd >= 0 {
		syscall.Close(c.fd)
	}
	for _, d := range []string{c.mem, c.pids} {
		for i := 0; i < 50 && os.Remove(d) != nil && dirExists(d); i++ {
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func dirExists(d string) bool { _, err := os.Stat(d); return err == nil }

func write(dir, file, value string) error {
	if err := os.WriteFile(filepath.Join(dir, file), []byte(value), 0); err != nil {
		return fmt.Errorf("sandbox: cgroup %s: %w", file, err)
	}
	return nil
}
