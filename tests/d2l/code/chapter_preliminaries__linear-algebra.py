# Dive into Deep Learning (d2l-ai/d2l-en d749ac0d4d, chapter_preliminaries/linear-algebra.md), its MXNet cells with the import lines changed to tinynet. MIT-0 (LICENSE-SAMPLECODE).

# %% cell 0
from tinynet import np, npx
npx.set_np()

x = np.array(3.0)
y = np.array(2.0)

x + y, x * y, x / y, x ** y

# %% cell 1
x = np.arange(4)
x

# %% cell 2
x[3]

# %% cell 3
len(x)

# %% cell 4
x.shape

# %% cell 5
A = np.arange(20).reshape(5, 4)
A

# %% cell 6
A.T

# %% cell 7
B = np.array([[1, 2, 3], [2, 0, 4], [3, 4, 5]])
B

# %% cell 8
B == B.T

# %% cell 9
X = np.arange(24).reshape(2, 3, 4)
X

# %% cell 10
A = np.arange(20).reshape(5, 4)
B = A.copy()  # Assign a copy of `A` to `B` by allocating new memory
A, A + B

# %% cell 11
A * B

# %% cell 12
a = 2
X = np.arange(24).reshape(2, 3, 4)
a + X, (a * X).shape

# %% cell 13
x = np.arange(4)
x, x.sum()

# %% cell 14
A.shape, A.sum()

# %% cell 15
A_sum_axis0 = A.sum(axis=0)
A_sum_axis0, A_sum_axis0.shape

# %% cell 16
A_sum_axis1 = A.sum(axis=1)
A_sum_axis1, A_sum_axis1.shape

# %% cell 17
A.sum(axis=[0, 1])  # Same as `A.sum()`

# %% cell 18
A.mean(), A.sum() / A.size

# %% cell 19
A.mean(axis=0), A.sum(axis=0) / A.shape[0]

# %% cell 20
sum_A = A.sum(axis=1, keepdims=True)
sum_A

# %% cell 21
A / sum_A

# %% cell 22
A.cumsum(axis=0)

# %% cell 23
y = np.ones(4)
x, y, np.dot(x, y)

# %% cell 24
np.sum(x * y)

# %% cell 25
A.shape, x.shape, np.dot(A, x)

# %% cell 26
B = np.ones(shape=(4, 3))
np.dot(A, B)

# %% cell 27
u = np.array([3, -4])
np.linalg.norm(u)

# %% cell 28
np.abs(u).sum()

# %% cell 29
np.linalg.norm(np.ones((4, 9)))
