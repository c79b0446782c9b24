package sampling

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/bitsandlogits/course/pkg/probability"
)

// Config selects a decoding strategy. Zero values switch a stage off, so the
// zero Config is greedy decoding (Temperature 0).
type Config struct {
	Temperature float64 // ≥ 0; 0 means greedy; 1 leaves the model's distribution unchanged
	TopK        int     // ≥ 0; 0 means off
	TopP        float64 // in [0, 1]; 0 or 1 means off
	MinP        float64 // in [0, 1]; 0 means off
	Seed        uint64  // seeds the sampler's private random stream
}

// Sampler draws tokens under a fixed [Config] from its own seeded random
// stream: two Samplers with the same Config return the same token sequence for
// the same logits, on every run and machine (math/rand/v2's PCG is specified
// bit for bit). A Sampler is not safe for concurrent use.
type Sampler struct {
	cfg Config
	rng *rand.Rand
	ws  Workspace // scratch rows reused by Filter
}

// New validates cfg and returns a Sampler. It returns an error naming the
// field for a negative, NaN or infinite temperature, a negative TopK, or TopP
// or MinP outside [0, 1].
func New(cfg Config) (*Sampler, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	// The second PCG word is a fixed odd constant (⌊2⁶⁴/φ⌋) so that the stream
	// depends on Seed alone.
	return &Sampler{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))}, nil
}

// check returns the error New reports for cfg, nil for a valid cfg.
func (cfg Config) check() error {
	var errs []error
	if !(cfg.Temperature >= 0) || math.IsInf(cfg.Temperature, 1) {
		errs = append(errs, fmt.Errorf("sampling: Temperature = %v, want a finite value ≥ 0", cfg.Temperature))
	}
	if cfg.TopK < 0 {
		errs = append(errs, fmt.Errorf("sampling: TopK = %d, want ≥ 0 (0 = off)", cfg.TopK))
	}
	if !(cfg.TopP >= 0 && cfg.TopP <= 1) {
		errs = append(errs, fmt.Errorf("sampling: TopP = %v, want 0 ≤ TopP ≤ 1 (0 or 1 = off)", cfg.TopP))
	}
	if !(cfg.MinP >= 0 && cfg.MinP <= 1) {
		errs = append(errs, fmt.Errorf("sampling: MinP = %v, want 0 ≤ MinP ≤ 1 (0 = off)", cfg.MinP))
	}
	return errors.Join(errs...)
}

// Config returns the sampler's configuration.
func (s *Sampler) Config() Config { return s.cfg }

// Filter returns the logits the sampler draws from, up to an additive
// constant, after, in this order: temperature ((z − max z)/T), [TopK],
// [TopP], [MinP]. Removed tokens are −Inf. At temperature 0 only the greedy
// token survives. The order follows Hugging Face
// transformers; llama.cpp applies temperature last, which can keep a different
// set because top-p and min-p see a differently shaped distribution.
//
// It panics on the bad logits described for probability.Softmax. Time
// O(V log V) when top-k or top-p is on, O(V) otherwise or when logits are
// sorted in decreasing order. A [Workspace] runs the same filters into a
// row the caller owns.
func (s *Sampler) Filter(logits []float64) []float64 {
	return s.ws.filter(make([]float64, len(logits)), logits, s.cfg)
}

// Sample returns the next token: [Sampler.Filter], then one draw from the
// softmax of the filtered logits by [Categorical] with the next uniform of the
// sampler's stream. At temperature 0 it returns [Greedy] and consumes no
// randomness. Time as for Filter.
func (s *Sampler) Sample(logits []float64) int {
	if s.cfg.Temperature == 0 {
		return Greedy(logits)
	}
	return Categorical(probability.Softmax(s.Filter(logits)), s.rng.Float64())
}
