package neural

import (
	"encoding/json"
	"fmt"
	"io"
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
	Batch        int           // 128 examples (one byte each, with its context)
	LearningRate float64       // 0.005 (Adam)
	MaxSteps     int           // 6000
	MaxTime      time.Duration // 4 minutes: training stops after this
	EvalEvery    int           // 250 steps between validations
	EvalBytes    int           // 4096: validation bytes scored at each check
	Patience     int           // 4 checks without improvement stop training
	Seed         uint64        // 1: weights and batches
	Dir          string        // where the best checkpoint goes (required)
	Progress     io.Writer     // progress bar and log; nil for silence
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
	if c.Progress == nil {
		c.Progress = io.Discard
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
// info.json and returns the model and the training curve. Progress (step,
// loss, tokens/s, ETA) is drawn on cfg.Progress.
func Train(trainText, validText string, cfg TrainConfig) (*Model, []Checkpoint, error) {
	cfg.defaults()
	if cfg.Dir == "" {
		return nil, nil, fmt.Errorf("neural: Train: no checkpoint directory")
	}
	if len(trainText) <= cfg.Model.Context || len(validText) == 0 {
		return nil, nil, fmt.Errorf("neural: Train: training text (%d bytes) or validation text (%d bytes) too short", len(trainText), len(validText))
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("neural: %w", err)
	}
	// Remove an older run's checkpoint so that only this run's best remains.
	old, _ := filepath.Glob(filepath.Join(cfg.Dir, "checkpoint*"))
	for _, f := range old {
		_ = os.Remove(f)
	}
	start := time.Now()
	store := model.NewStore()
	store.SetParam(model.ParamInitialSeed, int64(cfg.Seed))
	mcfg := cfg.Model
	modelFn := func(scope *model.Scope, x *graph.Node) *graph.Node { return logitsGraph(scope, mcfg, x) }
	opt := optimizer.Adam().LearningRate(cfg.LearningRate).Done()
	trainer := train.NewTrainer(Backend(), store, modelFn, loss.SparseCategoricalCrossEntropyLogits, opt, nil, nil)
	m, err := newModel(Info{Config: mcfg}, store)
	if err != nil {
		return nil, nil, err
	}
	ckpt, err := checkpoint.Build(store).Dir(cfg.Dir).Keep(1).Done()
	if err != nil {
		return nil, nil, fmt.Errorf("neural: %w", err)
	}

	trainIDs, validIDs := bytesOf(trainText), bytesOf(validText)
	evalIDs := validIDs[:min(cfg.EvalBytes, len(validIDs))]
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6c6d))
	c := mcfg.Context
	x := make([]int32, cfg.Batch*c)
	y := make([]int32, cfg.Batch)
	var curve []Checkpoint
	best, sinceBest, avg := math.Inf(1), 0, 0.0
	bar := newProgress(cfg.Progress, cfg.MaxSteps, cfg.MaxTime, cfg.Batch)
	fmt.Fprintf(cfg.Progress, "neural: %d parameters (context %d, embed %d, hidden %d), %d training bytes, batch %d\n",
		mcfg.Params(), c, mcfg.Embed, mcfg.Hidden, len(trainIDs), cfg.Batch)
	step := 0
	// validate measures the validation loss, saves the model when it is the
	// best so far, and says whether patience has run out.
	validate := func() (stop bool, err error) {
		v := m.MeanNats(evalIDs)
		curve = append(curve, Checkpoint{Step: step, Seconds: time.Since(start).Seconds(), TrainNats: avg, ValidationNats: v})
		bar.log(fmt.Sprintf("step %5d  train %.4f  validation %.4f nats/byte (%.3f bits/byte)", step, avg, v, v/math.Ln2))
		if v < best {
			best, sinceBest = v, 0
			if err := ckpt.Save(); err != nil {
				return false, fmt.Errorf("neural: saving checkpoint: %w", err)
			}
			return false, nil
		}
		sinceBest++
		if sinceBest >= cfg.Patience {
			bar.log(fmt.Sprintf("early stop at step %d: %d checks without improvement on the best %.4f", step, sinceBest, best))
			return true, nil
		}
		return false, nil
	}
	for step < cfg.MaxSteps && time.Since(start) < cfg.MaxTime {
		for b := range cfg.Batch {
			t := rng.IntN(len(trainIDs))
			y[b] = int32(trainIDs[t])
			for j := range c {
				if k := t - c + j; k >= 0 {
					x[b*c+j] = int32(trainIDs[k])
				} else {
					x[b*c+j] = 0
				}
			}
		}
		metrics, err := trainer.TrainStep(train.Batch{
			Inputs: []*tensors.Tensor{tensors.FromFlatDataAndDimensions(x, cfg.Batch, c)},
			Labels: []*tensors.Tensor{tensors.FromFlatDataAndDimensions(y, cfg.Batch, 1)},
		})
		if err != nil {
			return nil, nil, fmt.Errorf("neural: training step %d: %w", step, err)
		}
		step++
		if step == 1 { // the optimizer's state exists now: keep it out of the checkpoint
			for v := range store.IterVariables() {
				if !strings.HasPrefix(v.Path(), "/"+scopeName+"/") {
					ckpt.ExcludeVarsFromSaving(v)
				}
			}
		}
		avg = float64(metrics[1].Value().(float32)) // GoMLX's moving average of the batch loss
		for _, t := range metrics {
			t.MustFinalizeAll()
		}
		bar.update(step, avg, best)
		if step%cfg.EvalEvery == 0 {
			if stop, err := validate(); err != nil || stop {
				if err != nil {
					return nil, nil, err
				}
				break
			}
		}
	}
	if len(curve) == 0 || curve[len(curve)-1].Step != step { // stopped by MaxSteps or MaxTime between checks
		if _, err := validate(); err != nil {
			return nil, nil, err
		}
	}
	bar.done()
	info := Info{
		Config: mcfg, Steps: step, Batch: cfg.Batch, Seed: cfg.Seed,
		Seconds: time.Since(start).Seconds(), TrainBytes: len(trainIDs), ValidationBytes: len(validIDs),
		Curve: curve,
	}
	if err := writeInfo(cfg.Dir, info); err != nil {
		return nil, nil, err
	}
	final, err := Load(cfg.Dir)
	if err != nil {
		return nil, nil, err
	}
	info.ValidationNats = final.MeanNats(validIDs)
	final.info = info
	if err := writeInfo(cfg.Dir, info); err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(cfg.Progress, "neural: trained in %.0f s (%d steps); best checkpoint: validation %.4f nats/byte = %.3f bits/byte on %d bytes\n",
		info.Seconds, step, info.ValidationNats, info.ValidationNats/math.Ln2, len(validIDs))
	return final, curve, nil
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

// progress draws a one-line bar: step, loss, tokens/s and ETA.
type progress struct {
	w              io.Writer
	total          int
	maxTime        time.Duration
	batch          int
	start, last    time.Time
	width, shown   int
	tty            bool
	pendingNewline bool
}

func newProgress(w io.Writer, total int, maxTime time.Duration, batch int) *progress {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, total: total, maxTime: maxTime, batch: batch, start: time.Now(), width: 30, tty: tty}
}

func (p *progress) update(step int, loss, best float64) {
	now := time.Now()
	if now.Sub(p.last) < 250*time.Millisecond && step != p.total {
		return
	}
	p.last = now
	el := now.Sub(p.start)
	frac := max(float64(step)/float64(p.total), el.Seconds()/p.maxTime.Seconds())
	eta := time.Duration(float64(el) * (1/min(1, frac) - 1)).Round(time.Second)
	fill := int(float64(p.width) * min(1, frac))
	line := fmt.Sprintf("[%s%s] step %d/%d  loss %.3f nats  %.0f tok/s  ETA %s",
		strings.Repeat("=", fill), strings.Repeat(" ", p.width-fill), step, p.total, loss,
		float64(step*p.batch)/el.Seconds(), eta)
	if !math.IsInf(best, 1) {
		line += fmt.Sprintf("  best val %.3f", best)
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
		p.pendingNewline = true
	} else if step/max(1, p.total/20) != p.shown { // about 20 lines when not a terminal
		p.shown = step / max(1, p.total/20)
		fmt.Fprintln(p.w, line)
	}
}

func (p *progress) log(msg string) {
	if p.pendingNewline {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	fmt.Fprintln(p.w, msg)
}

func (p *progress) done() {
	if p.pendingNewline {
		fmt.Fprintln(p.w)
		p.pendingNewline = false
	}
}
