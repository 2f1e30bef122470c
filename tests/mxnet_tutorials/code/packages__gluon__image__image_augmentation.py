# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/image/image-augmentation.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
from matplotlib import pyplot as plt
from tinynet import image
from tinynet.gluon import data as gdata, utils

# %% cell 1
utils.download('https://raw.githubusercontent.com/dmlc/web-data/master/mxnet/doc/cat.jpg')
img = image.imread('cat.jpg')
plt.imshow(img.asnumpy())
plt.show()

# %% cell 2
def show_images(imgs, num_rows, num_cols, scale=2):
    figsize = (num_cols * scale, num_rows * scale)
    _, axes = plt.subplots(num_rows, num_cols, figsize=figsize)
    for i in range(num_rows):
        for j in range(num_cols):
            axes[i][j].imshow(imgs[i * num_cols + j].asnumpy())
            axes[i][j].axes.get_xaxis().set_visible(False)
            axes[i][j].axes.get_yaxis().set_visible(False)
    return axes

# %% cell 3
def apply(img, aug, num_rows=2, num_cols=4, scale=3):
    Y = [aug(img) for _ in range(num_rows * num_cols)]
    show_images(Y, num_rows, num_cols, scale)

# %% cell 4
apply(img, gdata.vision.transforms.RandomFlipLeftRight())

# %% cell 5
apply(img, gdata.vision.transforms.RandomFlipTopBottom())

# %% cell 6
shape_aug = gdata.vision.transforms.RandomResizedCrop(
    (200, 200), scale=(0.1, 1), ratio=(0.5, 2))
apply(img, shape_aug)

# %% cell 7
apply(img, gdata.vision.transforms.RandomBrightness(0.5))

# %% cell 8
apply(img, gdata.vision.transforms.RandomHue(0.5))

# %% cell 9
color_aug = gdata.vision.transforms.RandomColorJitter(
    brightness=0.5, contrast=0.5, saturation=0.5, hue=0.5)
apply(img, color_aug)

# %% cell 10
augs = gdata.vision.transforms.Compose([
    gdata.vision.transforms.RandomFlipLeftRight(), color_aug, shape_aug])
apply(img, augs)
