// Loss modules: thin wrappers over nn.functional with their options fixed at construction.

import { Tensor } from "../core";
import { Module } from "./module";
import * as F from "./functional";

abstract class Loss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly reduction: F.Reduction = "mean") {
    super();
  }
  override extraRepr(): string {
    return this.reduction === "mean" ? "" : `reduction=${this.reduction}`;
  }
}

/**
 * Mean squared error (x − y)².
 * @example
 * new nn.MSELoss()(tensor([1, 2]), tensor([1, 4])).item(); // 2
 */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, this.reduction);
  }
}

/** Mean absolute error |x − y|. */
export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, this.reduction);
  }
}

/**
 * Cross-entropy on logits [N, C] and class indices [N] (softmax included), optional label smoothing.
 * @example
 * const loss = new nn.CrossEntropyLoss()(model(x), labels); loss.backward();
 */
export class CrossEntropyLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: { reduction?: F.Reduction; labelSmoothing?: number; weight?: Tensor; ignoreIndex?: number } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, this.options);
  }
}

/** Negative log-likelihood on log-probabilities (after LogSoftmax) and class indices. */
export class NLLLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: { reduction?: F.Reduction; weight?: Tensor; ignoreIndex?: number } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, this.options);
  }
}

/** Binary cross-entropy on probabilities (after Sigmoid). */
export class BCELoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: { reduction?: F.Reduction; weight?: Tensor } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.bceLoss(input, target, this.options);
  }
}

/** Binary cross-entropy on logits (sigmoid included, numerically stable). */
export class BCEWithLogitsLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: { reduction?: F.Reduction; weight?: Tensor; posWeight?: Tensor } = {}) {
    super();
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.bceWithLogits(input, target, this.options);
  }
}
