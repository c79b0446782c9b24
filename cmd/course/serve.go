package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/bitsandlogits/course/internal/notebook"
	"github.com/bitsandlogits/course/internal/site"
)

func init() {
	register(command{name: "serve", usage: "[-port n] [-addr host] [-build]", order: 14,
		summary: "serve the course site (build/site) on localhost for a browser", run: runServe})
}

// buildSite renders build/site from the executed notebooks in build/notebooks.
func buildSite(r *notebook.Repo) (int, error) {
	return site.Build(site.Options{Root: r.Root, Notebooks: r.OutDir(), Out: r.SiteDir()})
}

// runServe serves build/site over HTTP: the same files a static host (GitHub
// Pages) would serve, for a learner or a workshop room.
func runServe(args []string) error {
	fs := newFlagSet("serve", "[-port n] [-addr host] [-build]")
	port := fs.Int("port", 8000, "TCP port (0 picks a free one)")
	addr := fs.String("addr", "127.0.0.1", "address to listen on; 0.0.0.0 serves a whole workshop room")
	build := fs.Bool("build", false, "rebuild the site from build/notebooks first (no notebook is run)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	r, err := repo()
	if err != nil {
		return err
	}
	if *build {
		pages, err := buildSite(r)
		if err != nil {
			return err
		}
		fmt.Printf("site: %d pages rebuilt\n", pages)
	}
	dir := r.SiteDir()
	if _, err := os.Stat(filepath.Join(dir, "index.html")); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no site in %s: run `make course` (or `go run ./cmd/course run`) first", dir)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*addr, fmt.Sprint(*port)))
	if err != nil {
		return err
	}
	host := *addr
	if host == "0.0.0.0" || host == "" {
		host = "127.0.0.1"
	}
	fmt.Printf("serving %s at http://%s/  (Ctrl-C stops)\n", dir, net.JoinHostPort(host, fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)))
	return http.Serve(ln, http.FileServer(http.Dir(dir)))
}
