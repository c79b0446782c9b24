// Package judge lets one exercise test run two ways. Under plain `go test`
// a test calls the learner's functions in its own process. Under the
// grader the same test binary is built from the pristine tests alone (the
// checker) and every call crosses a pipe to a separate driver process, the
// only process linked with the learner's code: the driver decodes the
// arguments, calls the function and sends the results back; the checker
// compares them. Expected values and hidden tests never reach the driver,
// and nothing the driver does besides answering earns a point.
//
// An exercise registers the functions under test in calls_test.go, the
// one test file the grader also compiles into the driver:
//
//	var LogSumExp = judge.Func1("LogSumExp", softmax.LogSumExp)
//
// Its tests then call LogSumExp(x) as if it were softmax.LogSumExp.
// Arguments and results travel as gob, so any value gob encodes works,
// NaN and ±Inf included; slice arguments the function modified are copied
// back, so a test can still check that an input was left alone.
package judge

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"reflect"
)

// ModeEnv is the environment variable the grader sets: "checker" in the
// test binary built from the pristine tests, "driver" in the one linked
// with the learner's code. Unset, calls run in-process.
const ModeEnv = "COURSE_JUDGE"

// request and response are the two frames of the protocol.
type request struct {
	ID   int
	Name string
	In   []byte // gob of the argument struct
}

type response struct {
	ID    int
	Out   []byte // gob of the result struct
	In    []byte // gob of the arguments after the call
	Panic string // the learner's function panicked with this message
}

// handler serves one registered function in the driver.
type handler func(in []byte) (out, after []byte, err error)

var registry = map[string]handler{}

// register records name's handler and returns the function tests call.
func register[In, Out any](name string, call func(*In) Out) func(*In) Out {
	if _, dup := registry[name]; dup {
		panic("judge: " + name + " registered twice")
	}
	registry[name] = func(data []byte) ([]byte, []byte, error) {
		var in In
		if err := decode(data, &in); err != nil {
			return nil, nil, err
		}
		out := call(&in)
		o, err := encode(out)
		if err != nil {
			return nil, nil, err
		}
		a, err := encode(in)
		return o, a, err
	}
	if os.Getenv(ModeEnv) != "checker" {
		return call
	}
	return func(in *In) Out {
		var out Out
		after := remote(name, in, &out)
		copyBack(reflect.ValueOf(in).Elem(), reflect.ValueOf(after).Elem())
		return out
	}
}

// remote sends one call to the driver and decodes its answer into out; it
// returns the arguments as the driver left them.
func remote[In, Out any](name string, in *In, out *Out) *In {
	data, err := encode(*in)
	if err != nil {
		panic(fmt.Sprintf("judge: encoding the arguments of %s: %v", name, err))
	}
	resp := link().call(request{Name: name, In: data})
	if resp.Panic != "" {
		panic(resp.Panic)
	}
	after := new(In)
	if decode(resp.Out, out) != nil || decode(resp.In, after) != nil {
		panic(Unanswered(name + ": the driver's answer does not decode"))
	}
	return after
}

// Unanswered is the panic value of a call the driver did not answer: it
// crashed, exited, or sent garbage.
type Unanswered string

func (u Unanswered) Error() string {
	return "no answer from the code under test: " + string(u)
}

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func decode(data []byte, v any) error {
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
}

// copyBack copies src into dst element by element where both are slices or
// arrays of the same shape, so a caller sees the driver's modifications of
// its slices.
func copyBack(dst, src reflect.Value) {
	switch dst.Kind() {
	case reflect.Struct:
		for i := range dst.NumField() {
			copyBack(dst.Field(i), src.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if dst.Kind() == reflect.Slice && dst.Len() != src.Len() {
			return
		}
		for i := range dst.Len() {
			e := dst.Index(i)
			if k := e.Kind(); k == reflect.Slice || k == reflect.Array || k == reflect.Struct {
				copyBack(e, src.Index(i))
			} else if e.CanSet() {
				e.Set(src.Index(i))
			}
		}
	}
}
