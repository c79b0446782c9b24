# Bits & Logits. The README's two commands:
#   make course   run the course: execute every notebook headless, build build/site/
#   make test     run every check: format, vet, staticcheck, unit tests, fuzzing,
#                 exercise verification and the notebooks
# The other targets are the pieces they are made of.

SHELL := /bin/bash
GO ?= go
# The native float32 kernels use Go 1.26's simd/archsimd where the CPU has it;
# without this the scalar fallback is built (same results, slower).
export GOEXPERIMENT ?= simd
# In a simd build, Go 1.26's asynchronous preemption leaves the ZMM registers'
# upper halves dirty and all scalar float64 code after it runs slow (an
# AVX–SSE transition penalty); see NoAsyncPreempt in internal/notebook.
export GODEBUG ?= asyncpreemptoff=1
COURSE := $(GO) run ./cmd/course
FUZZTIME ?= 100000x

.PHONY: course test deps setup lint unit scalar fuzz verify notebooks bench serve

course: deps
	$(COURSE) setup
	$(COURSE) run

# notebooks run before the unit tests so that internal/notebook also checks the
# executed copies (every notebook has a chart and no error) and internal/site's
# browser test drives the site built from them in headless Chromium.
test: deps lint notebooks unit scalar fuzz verify

deps:
	scripts/install-deps.sh

setup: deps
	$(COURSE) setup

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool -modfile=tools/go.mod staticcheck ./...
	# no function over 80 lines outside tests and generated code
	$(GO) run ./scripts/longfuncs
	# exercises/ and solutions/ are modules of their own (the stubs' tests fail by design);
	# a student handout (course release) has no solutions/
	cd exercises && $(GO) vet ./...
	if [ -d solutions ]; then cd solutions && $(GO) vet ./...; fi

unit:
	$(GO) test ./...

# The scalar fallback of the SIMD kernels must give the same results.
scalar:
	GOEXPERIMENT= $(GO) test ./internal/vecmath/... ./pkg/rows/...

fuzz:
	scripts/fuzz.sh $(FUZZTIME)

verify:
	@if [ -d solutions ]; then $(COURSE) verify; else echo "verify: skipped, no solutions/ (a student handout)"; fi

notebooks: setup
	$(COURSE) run

bench:
	$(COURSE) bench

# The site built by make course, on http://127.0.0.1:8000/.
serve:
	$(COURSE) serve
