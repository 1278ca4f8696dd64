// Bad input: every op names itself and the shapes involved, for wrong shapes, dtypes, dims and indices.
import { describe, expect, it } from "vitest";
import * as ax from "axone";
import { arange, ones, randn, tensor, zeros } from "axone";

describe.each(ax.listBackends())("bad input on backend %s", (backend) => {
  const z = (...shape: number[]) => zeros(shape, { device: backend });
  const idx = (values: number[]) => tensor(values, { dtype: "int32", device: backend });

  it("wrong shapes name the op and both shapes", () => {
    expect(() => ax.matmul(z(2, 3), z(4, 5))).toThrow("matmul: cannot multiply [2,3] by [4,5]: inner sizes 3 and 4 differ");
    expect(() => ax.matmul(z(2, 2, 3), z(3, 3, 4))).toThrow("matmul: cannot multiply [2,2,3] by [3,3,4]: batch dims [2] and [3] do not broadcast");
    expect(() => ax.matmul(z(3), tensor(2))).toThrow(/matmul: both operands need at least 1 dim, got shapes \[3\] and \[\]/);
    expect(() => ax.add(z(2, 3), z(4))).toThrow("add: cannot broadcast shapes [2,3] and [4]");
    expect(() => z(2, 3).mul(z(3, 2))).toThrow("mul: cannot broadcast shapes [2,3] and [3,2]");
    expect(() => ax.where(z(2).gt(0), z(3), z(2))).toThrow(/where: cannot broadcast shapes \[2\] and \[3\]/);
    expect(() => z(2, 3).reshape(4, 2)).toThrow("reshape: cannot reshape a tensor of shape [2,3] (6 elements) into [4,2] (8 elements)");
    expect(() => z(2, 3).reshape(-1, -1)).toThrow(/only one dimension can be -1/);
    expect(() => z(2, 3).expand(4, 3)).toThrow("expand: cannot expand shape [2,3] to [4,3]");
    expect(() => ax.cat([z(2, 3), z(3, 3)], 1)).toThrow("cat: tensor 1 has shape [3,3] but tensor 0 has [2,3]; all sizes except dimension 1 must match");
    expect(() => ax.stack([z(2), z(3)])).toThrow("stack: tensor 1 has shape [3] but tensor 0 has [2]");
    expect(() => z(2, 3).permute(0)).toThrow("permute: got 1 dims [0] for a tensor of shape [2,3]");
    expect(() => ax.linear(z(2, 3), z(4, 5))).toThrow("linear: input [2,3] has 3 features in its last dim but weight [4,5] expects 5");
    expect(() => ax.layerNorm(z(2, 3), [4])).toThrow("layerNorm: normalizedShape [4] must match the last dims of the input [2,3]");
    expect(() => ax.batchNorm(z(2, 3), z(4), ones(3), { training: false })).toThrow("batchNorm: runningMean of shape [4] must have shape [3] for input [2,3]");
    expect(() => z(2, 3).split([1, 1], 1)).toThrow("split: sizes [1,1] add up to 2 but dimension 1 of shape [2,3] has 3");
    expect(() => ax.gather(z(2, 3), 1, idx([0, 1]))).toThrow(/gather: index of shape \[2\] does not fit input of shape \[2,3\]/);
    expect(() => z(2).backward()).toThrow(/does not require grad/);
    expect(() => z(2, 2).maskedFill(tensor([true, false, true]), 1)).toThrow(/maskedFill: cannot broadcast shapes \[2,2\] and \[3\]/);
  });

  it("out-of-range dims and indices say the valid range", () => {
    expect(() => z(2, 3).sum(2)).toThrow("sum: dimension 2 is out of range for a tensor of shape [2,3] (valid: -2..1)");
    expect(() => z(2, 3).softmax(-3)).toThrow("softmax: dimension -3 is out of range for a tensor of shape [2,3] (valid: -2..1)");
    expect(() => z(2, 3).transpose(0, 5)).toThrow(/transpose: dimension 5 is out of range/);
    expect(() => z(2, 3).max(3)).toThrow(/max: dimension 3 is out of range/);
    expect(() => z(2, 3).unsqueeze(4)).toThrow("unsqueeze: dimension 4 is out of range for a tensor of shape [2,3] (valid: -3..2)");
    expect(() => z(2, 3).narrow(1, 2, 2)).toThrow("narrow: start 2 and length 2 do not fit dimension 1 of size 3 (shape [2,3])");
    expect(() => z(2, 3).index(2)).toThrow("slice: index 2 is out of range for dim 0 of size 2 (shape [2,3])");
    expect(() => z(2, 3).index(0, 0, 0)).toThrow("slice: 3 indices given for a tensor of shape [2,3] (2 dims)");
    expect(() => z(2, 3).slice([[0, 2, 0]])).toThrow(/step must be a positive integer/);
    expect(() => z(3, 2).indexSelect(0, idx([0, 3]))).toThrow("indexSelect: index 3 is out of range for dimension 0 of input [3,2] of size 3");
    expect(() => z(2, 3).gather(1, tensor([[0], [3]], { dtype: "int32", device: backend }))).toThrow(/gather: index 3 is out of range for dimension 1 of input \[2,3\]/);
    expect(() => z(2, 3).scatterAdd(0, tensor([[5, 0, 0]], { dtype: "int32", device: backend }), z(1, 3))).toThrow(/scatterAdd: index 5 is out of range/);
    expect(() => ax.embedding(idx([0, 4]), z(3, 2))).toThrow(/indexSelect: index 4 is out of range for dimension 0 of input \[3,2\]/);
    expect(() => ax.oneHot(idx([0, 4]), 3)).toThrow("oneHot: class 4 at position 1 is out of range for 3 classes");
    expect(() => ax.pad(z(1, 3), [3, 0], "reflect")).toThrow(/reflect padding \(3, 0\) must be smaller than the size 3/);
  });

  it("wrong dtypes say what to convert", () => {
    const f = randn(2, 2, { device: backend });
    expect(() => f.gather(1, tensor([[0], [1]], { dtype: "float32", device: backend }))).toThrow("gather: indices must be an int32 tensor, got float32 of shape [2,1]; convert with .int()");
    expect(() => ax.embedding(tensor([0.0, 1.0], { dtype: "float32", device: backend }), f)).toThrow(/embedding: indices must be int32, got float32/);
    expect(() => ax.where(tensor([1, 0], { device: backend }), f, f)).toThrow(/where: the condition must be a bool tensor \(e.g. x.gt\(0\)\), got int32 of shape \[2\]/);
    expect(() => f.maskedSelect(tensor([1, 0], { device: backend }))).toThrow(/maskedSelect: the mask must be a bool tensor, got int32/);
    expect(() => arange(3).gt(1).requiresGrad_()).toThrow(/only floating-point tensors can require gradients, this one is bool; convert it with .float\(\)/);
    expect(() => arange(3).mul(2).requiresGrad_(false).add(1).requiresGrad_()).not.toThrow();
    expect(() => ax.layerNorm(arange(3), [3])).toThrow(/layerNorm: expected a floating-point tensor, got int32 of shape \[3\]/);
    expect(() => ax.matmul(tensor([true], { device: backend }), tensor([true], { device: backend }))).toThrow(/matmul: bool operands are not supported/);
    expect(() => f.to("float16" as never)).toThrow(/"float16" is neither a dtype .* nor a backend/);
  });

  it("a failing op leaves the operands usable", () => {
    const a = z(2, 3);
    expect(() => a.matmul(z(2, 3))).toThrow();
    expect(a.add(1).sum().item()).toBe(6);
  });
});
