"""Data sets tinynet can fetch and read: MNIST."""
