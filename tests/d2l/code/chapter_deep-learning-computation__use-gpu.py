# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_deep-learning-computation/use-gpu.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
# !nvidia-smi

# %% cell 1
from tinynet import np, npx
from tinynet.gluon import nn
npx.set_np()

npx.cpu(), npx.gpu(), npx.gpu(1)

# %% cell 2
npx.num_gpus()

# %% cell 3
def try_gpu(i=0):  #@save
    """Return gpu(i) if exists, otherwise return cpu()."""
    return npx.gpu(i) if npx.num_gpus() >= i + 1 else npx.cpu()

def try_all_gpus():  #@save
    """Return all available GPUs, or [cpu()] if no GPU exists."""
    devices = [npx.gpu(i) for i in range(npx.num_gpus())]
    return devices if devices else [npx.cpu()]

try_gpu(), try_gpu(10), try_all_gpus()

# %% cell 4
x = np.array([1, 2, 3])
x.ctx

# %% cell 5
X = np.ones((2, 3), ctx=try_gpu())
X

# %% cell 6
Y = np.random.uniform(size=(2, 3), ctx=try_gpu(1))
Y

# %% cell 7
Z = X.copyto(try_gpu(1))
print(X)
print(Z)

# %% cell 8
Y + Z

# %% cell 9
Z.as_in_ctx(try_gpu(1)) is Z

# %% cell 10
net = nn.Sequential()
net.add(nn.Dense(1))
net.initialize(ctx=try_gpu())

# %% cell 11
net(X)

# %% cell 12
net[0].weight.data().ctx
