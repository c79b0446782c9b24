"""Golden values for probability.AUROC (ranking_test.go), from scikit-learn.

Run with Debian's python3 (which has sklearn): /usr/bin/python3 pkg/probability/testdata/auroc.py
It prints Go literals that ranking_test.go pastes in; tests never run Python.
"""
import numpy as np
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(7)
# A score with many ties (rounded to one decimal) that is informative but noisy.
label = rng.random(200) < 0.3
score = np.round(rng.normal(size=200) + 0.8 * label, 1)
# + 0.0 turns -0.0 into 0.0 (a Go literal -0.0 is +0 anyway; staticcheck SA4026).
print("var aurocScore = []float64{" + ", ".join(repr(float(s) + 0.0) for s in score) + "}")
print("var aurocLabel = []bool{" + ", ".join("true" if b else "false" for b in label) + "}")
print("const aurocWant = %r" % float(roc_auc_score(label, score)))
