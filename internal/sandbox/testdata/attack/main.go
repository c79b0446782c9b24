// Command attack is the hostile program the sandbox tests run: argv[1]
// names the attack, and it prints what it managed to do.
package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	switch os.Args[1] {
	case "fork":
		fork()
	case "mem":
		var keep [][]byte
		for i := 0; i < 64; i++ { // 64 × 64 MiB, every page touched
			b := make([]byte, 64<<20)
			for j := range b {
				b[j] = 1
			}
			keep = append(keep, b)
			fmt.Println("allocated MiB", (i+1)*64)
		}
	case "fds":
		n := 0
		for ; n < 100000; n++ {
			if _, err := os.Open("/dev/null"); err != nil {
				fmt.Println("open failed after", n, err)
				return
			}
		}
		fmt.Println("opened", n)
	case "dial":
		for _, addr := range os.Args[2:] {
			c, err := net.DialTimeout("tcp", addr, 2*time.Second)
			if err == nil {
				c.Close()
				fmt.Println("CONNECTED", addr)
			}
		}
	case "write":
		for _, p := range os.Args[2:] {
			if os.WriteFile(p, []byte("x"), 0o644) == nil {
				fmt.Println("WROTE", p)
			}
		}
	case "read":
		for _, p := range os.Args[2:] {
			if _, err := os.ReadDir(p); err == nil {
				fmt.Println("LISTED", p)
			}
			if _, err := os.ReadFile(p); err == nil {
				fmt.Println("READ", p)
			}
		}
	case "bigfile":
		f, _ := os.Create(os.Args[2])
		_, err := f.Write(make([]byte, 32<<20))
		fmt.Println("write:", err)
	case "orphan":
		cmd := exec.Command("/proc/self/exe", "sleep")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		fmt.Println("start:", cmd.Start())
	case "sleep":
		time.Sleep(time.Hour)
	case "spin":
		for {
		}
	case "flood":
		line := []byte(strings.Repeat("PASS ok\n", 1024))
		for {
			os.Stdout.Write(line)
		}
	case "env":
		h, _ := os.Hostname()
		fmt.Println(strings.Join(os.Environ(), "\n"))
		fmt.Println("uid", os.Getuid(), "host", h)
	}
}

// fork starts sleeping copies of itself until the kernel refuses.
func fork() {
	for n := 0; n < 10000; n++ {
		cmd := exec.Command("/proc/self/exe", "sleep")
		if err := cmd.Start(); err != nil {
			fmt.Println("fork failed after", n, err)
			return
		}
	}
	fmt.Println("forked 10000")
}
