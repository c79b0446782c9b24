package judge

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
)

// A frame is one line: the prefix, the base64 of a gob value, a newline.
// Lines that are not frames are skipped.
const prefix = "\x1ejudge:"

const (
	// maxFrame bounds one answer; maxRead bounds everything the checker
	// reads from one driver, frames and stray output together.
	maxFrame = 64 << 20
	maxRead  = 256 << 20
)

// The grader names the two named pipes of one test in the environment of
// both processes: requests flow checker → driver, responses back.
const (
	RequestEnv  = "COURSE_JUDGE_REQUESTS"
	ResponseEnv = "COURSE_JUDGE_RESPONSES"
)

type conn struct {
	mu   sync.Mutex
	w    io.Writer
	r    *bufio.Reader
	read int64
	next int
	dead error
}

var (
	linkOnce sync.Once
	theLink  *conn
)

// link opens the checker's ends of the pipes on first use.
func link() *conn {
	linkOnce.Do(func() {
		theLink = &conn{}
		// Non-blocking opens: a driver that is already gone must fail the
		// call now, not at the time limit. Go still reads and writes them
		// as if blocking.
		w, err1 := os.OpenFile(os.Getenv(RequestEnv), os.O_WRONLY|syscall.O_NONBLOCK, 0)
		r, err2 := os.OpenFile(os.Getenv(ResponseEnv), os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err := errors.Join(err1, err2); err != nil {
			theLink.dead = errors.New("the code under test crashed or exited before answering")
			return
		}
		theLink.w, theLink.r = w, bufio.NewReaderSize(r, 1<<16)
	})
	return theLink
}

// call sends req and waits for the matching response; it panics with
// Unanswered when the driver cannot answer.
func (c *conn) call(req request) response {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead != nil {
		panic(Unanswered(req.Name + ": " + c.dead.Error()))
	}
	c.next++
	req.ID = c.next
	if err := writeFrame(c.w, req); err != nil {
		c.dead = errors.New("the driver stopped reading (it crashed or exited)")
		panic(Unanswered(req.Name + ": " + c.dead.Error()))
	}
	for {
		var resp response
		err := c.readFrame(&resp)
		if err != nil {
			c.dead = err
			panic(Unanswered(req.Name + ": " + err.Error()))
		}
		if resp.ID == req.ID {
			return resp
		}
	}
}

// readFrame reads lines until one is a frame that decodes into v.
func (c *conn) readFrame(v any) error {
	for {
		line, err := readLine(c.r, maxFrame)
		c.read += int64(len(line))
		if c.read > maxRead {
			return fmt.Errorf("the driver wrote more than %d MiB", maxRead>>20)
		}
		if rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte(prefix)); ok {
			if data, derr := base64.StdEncoding.DecodeString(string(rest)); derr == nil && decode(data, v) == nil {
				return nil
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errors.New("the code under test crashed or exited before answering")
			}
			return err
		}
	}
}

// readLine returns the next line, cut to max bytes (the rest of an
// over-long line is read and dropped).
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line) < max {
			line = append(line, chunk[:min(len(chunk), max-len(line))]...)
		}
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

func writeFrame(w io.Writer, v any) error {
	data, err := encode(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\n%s%s\n", prefix, base64.StdEncoding.EncodeToString(data))
	return err
}

// Serve is the driver's main loop: it answers the requests of the pipe
// pairs named in its environment (comma-separated, one pair per test)
// until they close or the grader stops it. The tests' calls run
// concurrently, as separate test processes would. The grader's driver
// build calls it from TestMain; exercises never call it.
func Serve() {
	reqs := strings.Split(os.Getenv(RequestEnv), ",")
	resps := strings.Split(os.Getenv(ResponseEnv), ",")
	if len(reqs) != len(resps) {
		fmt.Fprintln(os.Stderr, "judge: unpaired pipes")
		os.Exit(2)
	}
	var wg sync.WaitGroup
	for i := range reqs {
		r, err1 := os.Open(reqs[i])
		w, err2 := os.OpenFile(resps[i], os.O_WRONLY, 0)
		if err := errors.Join(err1, err2); err != nil {
			fmt.Fprintln(os.Stderr, "judge:", err)
			os.Exit(2)
		}
		wg.Go(func() { serve(r, w) })
	}
	wg.Wait()
	os.Exit(0)
}

// serve answers the requests of one pipe pair until it closes.
func serve(r io.Reader, w io.Writer) {
	in := bufio.NewReaderSize(r, 1<<16)
	for {
		line, err := readLine(in, maxFrame)
		if rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte(prefix)); ok {
			if data, derr := base64.StdEncoding.DecodeString(string(rest)); derr == nil {
				var req request
				if decode(data, &req) == nil {
					if writeFrame(w, answer(req)) != nil {
						return
					}
				}
			}
		}
		if err != nil {
			return
		}
	}
}

// answer runs one request, turning a panic into the response's message.
func answer(req request) (resp response) {
	resp.ID = req.ID
	h, ok := registry[req.Name]
	if !ok {
		resp.Panic = "judge: no function " + req.Name + " registered in calls_test.go"
		return resp
	}
	defer func() {
		if r := recover(); r != nil {
			resp.Out, resp.In = nil, nil
			resp.Panic = fmt.Sprint(r)
		}
	}()
	out, after, err := h(req.In)
	if err != nil {
		resp.Panic = "judge: " + err.Error()
	}
	resp.Out, resp.In = out, after
	return resp
}
