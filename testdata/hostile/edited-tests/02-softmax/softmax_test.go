package softmax_test

import "testing"

func TestLogSumExpGolden(t *testing.T)        {}
func TestLogSumExpNegInf(t *testing.T)        {}
func TestSoftmaxGolden(t *testing.T)          {}
func TestSoftmaxExtremeLogits(t *testing.T)   {}
func TestSoftmaxShiftInvariance(t *testing.T) {}
