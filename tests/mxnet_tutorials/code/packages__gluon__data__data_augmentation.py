# MXNet 1.9 tutorial docs/python_docs/python/tutorials/packages/gluon/data/data_augmentation.md (apache/mxnet 76d73dbd77, Apache License 2.0),
# its Python cells with the import lines changed to tinynet.

# %% cell 0
import matplotlib.pyplot as plt
import tinynet as mx
from tinynet.gluon.data.vision import transforms

# %% cell 1
image_url = 'https://raw.githubusercontent.com/dmlc/web-data/master/mxnet/doc/tutorials/data_aug/inputs/0.jpg'
mx.test_utils.download(image_url, "giraffe.jpg")
example_image = mx.image.imread("giraffe.jpg")
plt.imshow(example_image.asnumpy())

# %% cell 2
def show_images(imgs, num_rows, num_cols, scale=2):
    # show augmented images in a grid layout 
    aspect_ratio = imgs[0].shape[0]/imgs[0].shape[1]
    figsize = (num_cols * scale, num_rows * scale * aspect_ratio)
    _, axes = plt.subplots(num_rows, num_cols, figsize=figsize)
    for i in range(num_rows):
        for j in range(num_cols):
            axes[i][j].imshow(imgs[i * num_cols + j].asnumpy())
            axes[i][j].axes.get_xaxis().set_visible(False)
            axes[i][j].axes.get_yaxis().set_visible(False)
    plt.subplots_adjust(hspace=0.1, wspace=0)
    return axes

def apply(img, aug, num_rows=2, num_cols=4, scale=3):
    # apply augmentation multiple times to obtain different samples
    Y = [aug(img) for _ in range(num_rows * num_cols)]
    show_images(Y, num_rows, num_cols, scale)

# %% cell 3
shape_aug = transforms.RandomResizedCrop(size=(200, 200),
                                         scale=(0.1, 1),
                                         ratio=(0.5, 2))
apply(example_image, shape_aug)

# %% cell 4
apply(example_image, transforms.RandomFlipLeftRight())

# %% cell 5
apply(example_image, transforms.RandomFlipTopBottom())

# %% cell 6
apply(example_image, transforms.RandomBrightness(0.5))

# %% cell 7
apply(example_image, transforms.RandomContrast(0.5))

# %% cell 8
apply(example_image, transforms.RandomSaturation(0.5))

# %% cell 9
apply(example_image, transforms.RandomHue(0.5))

# %% cell 10
color_aug = transforms.RandomColorJitter(brightness=0.5,
                                         contrast=0.5,
                                         saturation=0.5,
                                         hue=0.5)
apply(example_image, color_aug)

# %% cell 11
apply(example_image, transforms.RandomLighting(alpha=1))

# %% cell 12
augs = transforms.Compose([
    transforms.RandomFlipLeftRight(), color_aug, shape_aug])
apply(example_image, augs)
