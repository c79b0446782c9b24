package grader

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bitsandlogits/course/internal/repo"
)

// StateFile is the local progress file at the course root (gitignored).
const StateFile = ".course-state.json"

// State is the learner's progress, remembered between runs.
type State struct {
	Exercises map[string]Progress `json:"exercises"`
	Hints     map[string]int      `json:"hints"` // highest hint level shown per exercise
}

// Progress is the last grade of one exercise.
type Progress struct {
	Points   float64   `json:"points"`
	Max      float64   `json:"max"`
	GradedAt time.Time `json:"graded_at"`
}

// Done reports whether the exercise was last graded at full marks.
func (p Progress) Done() bool { return p.Max > 0 && p.Points >= p.Max }

// LoadState reads root/.course-state.json; a missing file is empty progress.
func LoadState(root string) (*State, error) {
	s := &State{Exercises: map[string]Progress{}, Hints: map[string]int{}}
	data, err := os.ReadFile(filepath.Join(root, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("%s: %w (delete it to start afresh)", StateFile, err)
	}
	if s.Exercises == nil {
		s.Exercises = map[string]Progress{}
	}
	if s.Hints == nil {
		s.Hints = map[string]int{}
	}
	return s, nil
}

// Save writes the state back to root/.course-state.json, through a
// temporary file renamed into place: a full disk or a signal leaves the old
// state whole.
func (s *State) Save(root string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return repo.WriteFile(filepath.Join(root, StateFile), append(data, '\n'))
}

// RecordProgress stores the grades of a report in the state file.
func RecordProgress(root string, r Report) error {
	s, err := LoadState(root)
	if err != nil {
		return err
	}
	for _, res := range r.Results {
		s.Exercises[res.Exercise.Name] = Progress{Points: res.Points(), Max: res.Exercise.MaxPoints(), GradedAt: time.Now().UTC().Round(time.Second)}
	}
	return s.Save(root)
}

// Current returns the first exercise, in course order, not yet done.
func (s *State) Current(info *Info) (Exercise, bool) {
	for _, e := range info.Exercises {
		if !s.Exercises[e.Name].Done() {
			return e, true
		}
	}
	return Exercise{}, false
}
