"""BatchProcessor: what the Estimator does with one batch, in a class one can subclass.

    fit_batch:      split the batch over the contexts, forward and loss under
                    autograd.record(), backward; the weights are updated by a handler after
    evaluate_batch: the same without recording, with the validation net and loss

Both return (data, label, pred, loss), each a list with one entry per context.
"""
from .... import autograd
from ...utils import split_and_load


class BatchProcessor:
    """The Estimator's default fit_batch and evaluate_batch (override either to change them)."""

    def _get_data_and_label(self, batch, ctx, batch_axis=0):
        data = split_and_load(batch[0], ctx_list=ctx, batch_axis=batch_axis)
        label = split_and_load(batch[1], ctx_list=ctx, batch_axis=batch_axis)
        return data, label

    def evaluate_batch(self, estimator, val_batch, batch_axis=0):
        """Prediction and loss of estimator.val_net on a (data, label) batch (batch_axis: the
        axis it is split along over the contexts, default 0)."""
        data, label = self._get_data_and_label(val_batch, estimator.context, batch_axis)
        pred = [estimator.val_net(x) for x in data]
        loss = [estimator.val_loss(y_hat, y) for y_hat, y in zip(pred, label)]
        return data, label, pred, loss

    def fit_batch(self, estimator, train_batch, batch_axis=0):
        """Forward, loss and backward of estimator.net on a (data, label) batch; the
        gradients are left for the GradientUpdateHandler's trainer.step."""
        data, label = self._get_data_and_label(train_batch, estimator.context, batch_axis)
        with autograd.record():
            pred = [estimator.net(x) for x in data]
            loss = [estimator.loss(y_hat, y) for y_hat, y in zip(pred, label)]
        for part in loss:
            part.backward()
        return data, label, pred, loss
