# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_preliminaries/lookup-api.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import np
print(dir(np.random))

# %% cell 1
help(np.ones)

# %% cell 2
np.ones(4)
