# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_preliminaries/probability.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
# %matplotlib inline
from d2l import mxnet as d2l
from tinynet import np, npx
import random
npx.set_np()

# %% cell 1
fair_probs = [1.0 / 6] * 6
np.random.multinomial(1, fair_probs)

# %% cell 2
np.random.multinomial(10, fair_probs)

# %% cell 3
counts = np.random.multinomial(1000, fair_probs).astype(np.float32)
counts / 1000

# %% cell 4
counts = np.random.multinomial(10, fair_probs, size=500)
cum_counts = counts.astype(np.float32).cumsum(axis=0)
estimates = cum_counts / cum_counts.sum(axis=1, keepdims=True)

d2l.set_figsize((6, 4.5))
for i in range(6):
    d2l.plt.plot(estimates[:, i].asnumpy(),
                 label=("P(die=" + str(i + 1) + ")"))
d2l.plt.axhline(y=0.167, color='black', linestyle='dashed')
d2l.plt.gca().set_xlabel('Groups of experiments')
d2l.plt.gca().set_ylabel('Estimated probability')
d2l.plt.legend();
