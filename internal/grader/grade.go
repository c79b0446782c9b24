package grader

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Job is one exercise of one submission folder.
type Job struct {
	Student    string // "" when grading a single submission
	Submission string // folder holding NN-slug/ exercise folders
	Exercise   Exercise
}

// Report gathers the results of one grading run.
type Report struct {
	Results  []Result
	Duration time.Duration
}

// Result is the outcome of a job.
type Result struct {
	Student string
	ExerciseResult
}

// Run grades the jobs on `workers` parallel workers (runtime.NumCPU() when
// workers ≤ 0), calling progress after each job. Results keep the order of
// jobs.
func Run(ctx context.Context, cfg Config, jobs []Job, workers int, progress func(done, total int)) Report {
	start := time.Now()
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	results := make([]Result, len(jobs))
	if cfg.checkers == nil {
		if c, err := newCheckerCache(); err == nil {
			defer c.close()
			cfg.checkers = c
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	same := &memo{m: map[string]*memoEntry{}}
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				results[i] = Result{Student: Sanitize(j.Student), ExerciseResult: same.grade(ctx, cfg, j)}
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(jobs))
				}
				mu.Unlock()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return Report{Results: results, Duration: time.Since(start)}
}

// Score returns the points earned and available over the report.
func (r Report) Score() (points, max float64) {
	for _, res := range r.Results {
		points += res.Points()
		max += res.Exercise.MaxPoints()
	}
	return points, max
}

// Jobs returns one job per exercise for a single submission folder.
func Jobs(submission string, exercises []Exercise) []Job {
	jobs := make([]Job, len(exercises))
	for i, e := range exercises {
		jobs[i] = Job{Submission: submission, Exercise: e}
	}
	return jobs
}

// memo grades identical submissions of an exercise once: in a workshop many
// students hand in the untouched stub or the same fix.
type memo struct {
	mu sync.Mutex
	m  map[string]*memoEntry
}

type memoEntry struct {
	done chan struct{}
	res  ExerciseResult
}

func (m *memo) grade(ctx context.Context, cfg Config, j Job) ExerciseResult {
	key, ok := contentKey(j)
	if !ok {
		return GradeExercise(ctx, cfg, j.Submission, j.Exercise)
	}
	m.mu.Lock()
	e, seen := m.m[key]
	if !seen {
		e = &memoEntry{done: make(chan struct{})}
		m.m[key] = e
	}
	m.mu.Unlock()
	if seen {
		<-e.done
		return e.res
	}
	e.res = GradeExercise(ctx, cfg, j.Submission, j.Exercise)
	close(e.done)
	return e.res
}

// contentKey hashes the exercise name and the names and contents of the
// submission's files for it.
func contentKey(j Job) (string, bool) {
	files, err := ReadExercise(j.Submission, j.Exercise.Name)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", j.Exercise.Name)
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.Data))
		h.Write(f.Data)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), true
}
