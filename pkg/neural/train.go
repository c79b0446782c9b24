package neural

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

// TrainConfig sets up one training run. Zero fields take the defaults
// shown.
type TrainConfig struct {
	Model        Config        // DefaultConfig
	Batch        int           // 128 examples (MLP: one byte with its context; transformer: C+1 bytes)
	LearningRate float64       // 0.005 (Adam)
	MaxSteps     int           // 6000
	MaxTime      time.Duration // 4 minutes: training stops after this
	EvalEvery    int           // 250 steps between validations
	EvalBytes    int           // 4096: validation bytes scored at each check
	Patience     int           // 4 checks without improvement stop training
	Seed         uint64        // 1: weights and batches
	Dir          string        // where the best checkpoint goes (required)
	// Resume names a folder saved by Train whose weights, step count and
	// curve training continues from (same Model shape; MaxSteps counts
	// them all; Adam's moments start afresh, as they are not saved).
	// "": start from random weights.
	Resume  string
	Context context.Context // cancelling it stops training with its error; nil: never
	OnStep  func(Step)      // called after every step and validation; nil: silent
}

// Step is the state of training that OnStep reports.
type Step struct {
	Step, MaxSteps int
	Elapsed        time.Duration
	TrainNats      float64     // moving average of the batch loss
	BestNats       float64     // best validation so far; +Inf before the first
	Validation     *Checkpoint // non-nil right after a validation
	EarlyStop      bool        // patience ran out at this validation
}

func (c *TrainConfig) defaults() {
	if c.Model == (Config{}) {
		c.Model = DefaultConfig
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.Batch, 128)
	def(&c.MaxSteps, 6000)
	def(&c.EvalEvery, 250)
	def(&c.EvalBytes, 4096)
	def(&c.Patience, 4)
	if c.LearningRate == 0 {
		c.LearningRate = 0.005
	}
	if c.MaxTime == 0 {
		c.MaxTime = 4 * time.Minute
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Context == nil {
		c.Context = context.Background()
	}
	if c.OnStep == nil {
		c.OnStep = func(Step) {}
	}
}

// Checkpoint records one validation during training.
type Checkpoint struct {
	Step           int     `json:"step"`
	Seconds        float64 `json:"seconds"`
	TrainNats      float64 `json:"train_nats"`      // moving average of the batch loss
	ValidationNats float64 `json:"validation_nats"` // on the first EvalBytes validation bytes
}

// Train fits a model to the bytes of trainText with Adam on minibatches of
// random positions, validates on the first EvalBytes bytes of validText
// every EvalEvery steps, keeps the best model in cfg.Dir (a GoMLX
// checkpoint plus info.json) and stops early after Patience validations
// without improvement, at MaxSteps or at MaxTime. It then reloads the best
// checkpoint, measures it on the whole validation text, records that in
// info.json and returns the model and the training curve. It reports each
// step to cfg.OnStep.
func Train(trainText, validText string, cfg TrainConfig) (*Model, []Checkpoint, error) {
	cfg.defaults()
	if cfg.Dir == "" {
		return nil, nil, fmt.Errorf("neural: Train: no checkpoint directory")
	}
	if len(trainText) <= cfg.Model.Context || len(validText) == 0 {
		return nil, nil, fmt.Errorf("neural: Train: training text (%d bytes) or validation text (%d bytes) too short", len(trainText), len(validText))
	}
	r, err := newRun(cfg, bytesOf(trainText), bytesOf(validText))
	if err != nil {
		return nil, nil, err
	}
	if err := r.loop(); err != nil {
		return nil, nil, err
	}
	return r.finish()
}

// run is one training run in progress.
type run struct {
	cfg             TrainConfig
	start           time.Time
	store           *model.Store
	trainer         *train.Trainer
	m               *Model
	ckpt            *checkpoint.Handler
	train, valid    []int
	curve           []Checkpoint
	step, sinceBest int
	best, avg       float64
	before          float64 // seconds of training before a resume
	excluded        bool    // the optimizer's variables are kept out of the checkpoint
}

// newRun builds the model, its trainer and its checkpoint handler, after
// removing an older run's checkpoint from cfg.Dir.
func newRun(cfg TrainConfig, trainIDs, validIDs []int) (*run, error) {
	r := &run{cfg: cfg, start: time.Now(), store: model.NewStore(), train: trainIDs, valid: validIDs, best: math.Inf(1)}
	r.store.SetParam(model.ParamInitialSeed, int64(cfg.Seed))
	if cfg.Resume != "" { // before the old checkpoint goes: Resume may be Dir
		if err := r.resume(); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("neural: %w", err)
	}
	old, _ := filepath.Glob(filepath.Join(cfg.Dir, "checkpoint*"))
	for _, f := range old {
		_ = os.Remove(f)
	}
	mcfg := cfg.Model
	modelFn := func(scope *model.Scope, x *graph.Node) *graph.Node { return logitsGraph(scope, mcfg, x) }
	opt := optimizer.Adam().LearningRate(cfg.LearningRate).Done()
	r.trainer = train.NewTrainer(Backend(), r.store, modelFn, loss.SparseCategoricalCrossEntropyLogits, opt, nil, nil)
	var err error
	if r.m, err = newModel(Info{Config: mcfg}, r.store); err != nil {
		return nil, err
	}
	if r.ckpt, err = checkpoint.Build(r.store).Dir(cfg.Dir).Keep(1).Done(); err != nil {
		return nil, fmt.Errorf("neural: %w", err)
	}
	if cfg.Resume != "" { // the resumed weights stay the best until beaten
		if err := r.ckpt.Save(); err != nil {
			return nil, fmt.Errorf("neural: saving checkpoint: %w", err)
		}
	}
	return r, nil
}

// resume loads the weights and record of cfg.Resume into the run.
func (r *run) resume() error {
	prev, err := Load(r.cfg.Resume)
	if err != nil {
		return err
	}
	if prev.info.Config != r.cfg.Model {
		return fmt.Errorf("neural: cannot resume %s: it holds a %+v model, not %+v", r.cfg.Resume, prev.info.Config, r.cfg.Model)
	}
	if _, err := checkpoint.Load(r.store).Dir(r.cfg.Resume).Immediate().Done(); err != nil {
		return fmt.Errorf("neural: resuming from %s: %w", r.cfg.Resume, err)
	}
	r.step, r.before = prev.info.Steps, prev.info.Seconds
	r.curve = append(r.curve, prev.info.Curve...)
	for _, c := range r.curve {
		r.best = min(r.best, c.ValidationNats)
	}
	return nil
}

// report calls OnStep with the run's state.
func (r *run) report(v *Checkpoint, early bool) {
	r.cfg.OnStep(Step{Step: r.step, MaxSteps: r.cfg.MaxSteps, Elapsed: time.Since(r.start),
		TrainNats: r.avg, BestNats: r.best, Validation: v, EarlyStop: early})
}

// loop trains until MaxSteps, MaxTime, early stopping or cancellation.
func (r *run) loop() error {
	c, batch := r.cfg.Model.Context, r.cfg.Batch
	rng := rand.New(rand.NewPCG(r.cfg.Seed, 0x6c6d+uint64(r.step))) // a resumed run draws new batches
	x, y := make([]int32, batch*c), make([]int32, batch*r.labelsPerExample())
	for r.step < r.cfg.MaxSteps && time.Since(r.start) < r.cfg.MaxTime {
		if err := r.cfg.Context.Err(); err != nil {
			return err
		}
		if r.cfg.Model.Arch == Transformer {
			fillSequences(rng, r.train, c, x, y)
		} else {
			fillBatch(rng, r.train, c, x, y)
		}
		if err := r.trainStep(x, y); err != nil {
			return err
		}
		r.report(nil, false)
		if r.step%r.cfg.EvalEvery == 0 {
			if stop, err := r.validate(); err != nil || stop {
				return err
			}
		}
	}
	if len(r.curve) == 0 || r.curve[len(r.curve)-1].Step != r.step { // stopped between checks
		_, err := r.validate()
		return err
	}
	return nil
}

// fillBatch draws len(y) random positions of ids: y holds each byte and x
// the c bytes before it (0 before the start of the text).
func fillBatch(rng *rand.Rand, ids []int, c int, x, y []int32) {
	for b := range y {
		t := rng.IntN(len(ids))
		y[b] = int32(ids[t])
		for j := range c {
			if k := t - c + j; k >= 0 {
				x[b*c+j] = int32(ids[k])
			} else {
				x[b*c+j] = 0
			}
		}
	}
}

// fillSequences draws len(x)/c random spans of c+1 bytes of ids: x holds
// each span's first c bytes and y its last c (the next byte at every
// position).
func fillSequences(rng *rand.Rand, ids []int, c int, x, y []int32) {
	for b := range len(x) / c {
		s := rng.IntN(len(ids) - c)
		for j := range c {
			x[b*c+j], y[b*c+j] = int32(ids[s+j]), int32(ids[s+j+1])
		}
	}
}

// labelsPerExample is 1 for the MLP, C for the transformer.
func (r *run) labelsPerExample() int {
	if r.cfg.Model.Arch == Transformer {
		return r.cfg.Model.Context
	}
	return 1
}

// trainStep runs one Adam step on the batch and updates the moving loss.
func (r *run) trainStep(x, y []int32) error {
	batch, c := r.cfg.Batch, r.cfg.Model.Context
	dims := []int{batch, 1}
	if r.cfg.Model.Arch == Transformer {
		dims = []int{batch, c, 1}
	}
	labels := tensors.FromFlatDataAndDimensions(y, dims...)
	metrics, err := r.trainer.TrainStep(train.Batch{
		Inputs: []*tensors.Tensor{tensors.FromFlatDataAndDimensions(x, batch, c)},
		Labels: []*tensors.Tensor{labels},
	})
	if err != nil {
		return fmt.Errorf("neural: training step %d: %w", r.step, err)
	}
	r.step++
	if !r.excluded { // the optimizer's state exists now: keep it out of the checkpoint
		r.excluded = true
		for v := range r.store.IterVariables() {
			if !strings.HasPrefix(v.Path(), "/"+scopeName+"/") {
				r.ckpt.ExcludeVarsFromSaving(v)
			}
		}
	}
	r.avg = float64(metrics[1].Value().(float32)) // GoMLX's moving average of the batch loss
	for _, t := range metrics {
		t.MustFinalizeAll()
	}
	return nil
}

// validate measures the validation loss on the first EvalBytes bytes,
// saves the model when it is the best so far, and says whether patience
// has run out.
func (r *run) validate() (stop bool, err error) {
	v := r.m.MeanNats(r.valid[:min(r.cfg.EvalBytes, len(r.valid))])
	cp := Checkpoint{Step: r.step, Seconds: r.before + time.Since(r.start).Seconds(), TrainNats: r.avg, ValidationNats: v}
	r.curve = append(r.curve, cp)
	if v < r.best {
		r.best, r.sinceBest = v, 0
		if err := r.ckpt.Save(); err != nil {
			return false, fmt.Errorf("neural: saving checkpoint: %w", err)
		}
	} else {
		r.sinceBest++
	}
	stop = r.sinceBest >= r.cfg.Patience
	r.report(&cp, stop)
	return stop, nil
}

// finish writes info.json, reloads the best checkpoint, scores it on the
// whole validation text and records that too.
func (r *run) finish() (*Model, []Checkpoint, error) {
	info := Info{
		Config: r.cfg.Model, Steps: r.step, Batch: r.cfg.Batch, Seed: r.cfg.Seed,
		Seconds: r.before + time.Since(r.start).Seconds(), TrainBytes: len(r.train), ValidationBytes: len(r.valid),
		Curve: r.curve,
	}
	if err := writeInfo(r.cfg.Dir, info); err != nil {
		return nil, nil, err
	}
	final, err := Load(r.cfg.Dir)
	if err != nil {
		return nil, nil, err
	}
	info.ValidationNats = final.MeanNats(r.valid)
	final.info = info
	if err := writeInfo(r.cfg.Dir, info); err != nil {
		return nil, nil, err
	}
	return final, r.curve, nil
}

func writeInfo(dir string, info Info) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("neural: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, infoFile), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("neural: %w", err)
	}
	return nil
}

func bytesOf(s string) []int {
	ids := make([]int, len(s))
	for i := range len(s) {
		ids[i] = int(s[i])
	}
	return ids
}
