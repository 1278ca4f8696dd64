import { describe, expect, it } from "vitest";
import { diag, tensor, trace } from "axone";

describe("diag and trace (torch.diag, torch.trace)", () => {
  it("builds a diagonal matrix from a vector, on any offset, and reads a matrix's diagonal", () => {
    expect(diag(tensor([1, 2])).toArray()).toEqual([[1, 0], [0, 2]]);
    expect(diag(tensor([1, 2]), 1).toArray()).toEqual([[0, 1, 0], [0, 0, 2], [0, 0, 0]]);
    expect(diag(tensor([1, 2]), -1).toArray()).toEqual([[0, 0, 0], [1, 0, 0], [0, 2, 0]]);
    expect(tensor([[1, 2, 3], [4, 5, 6]]).diag().toArray()).toEqual([1, 5]);
    expect(tensor([[1, 2, 3], [4, 5, 6]]).diag(1).toArray()).toEqual([2, 6]);
    expect(tensor([[1, 2, 3], [4, 5, 6]]).diag(-1).toArray()).toEqual([4]);
    expect(trace(tensor([[1, 2], [3, 4]])).item()).toBe(5);
  });

  it("is differentiable both ways", () => {
    const v = tensor([1.5, 2], { requiresGrad: true });
    diag(v, -1).mul(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])).sum().backward();
    expect(v.grad!.toArray()).toEqual([4, 8]);
    const m = tensor([[1.5, 2], [3, 4]], { requiresGrad: true });
    m.trace().backward();
    expect(m.grad!.toArray()).toEqual([[1, 0], [0, 1]]);
  });

  it("rejects other ranks with a message naming the shape", () => {
    expect(() => diag(tensor([[[1]]]))).toThrow("diag: expected a 1-D tensor (to build a diagonal matrix) or a 2-D one (to read its diagonal), got shape [1,1,1]");
    expect(() => trace(tensor([1, 2]))).toThrow("trace: expected a 2-D matrix, got shape [2]");
  });
});
