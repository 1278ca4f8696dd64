import { describe, expect, it } from "vitest";
import { floorDivide, fmod, remainder, tensor } from "axone";

describe("remainder, fmod and floorDivide (torch.remainder / torch.fmod / torch.floor_divide)", () => {
  it("remainder takes the divisor's sign and fmod the dividend's, for ints and floats", () => {
    expect(remainder(tensor([-3, -1, 1, 3]), 2).toArray()).toEqual([1, 1, 1, 1]);
    expect(fmod(tensor([-3, -1, 1, 3]), 2).toArray()).toEqual([-1, -1, 1, 1]);
    expect(tensor([-3.5, 5.25]).remainder(-2).toArray()).toEqual([-1.5, -0.75]);
    expect(tensor([-3.5, 5.25]).fmod(-2).toArray()).toEqual([-1.5, 1.25]);
    expect(floorDivide(tensor([-3, 7]), 2).toArray()).toEqual([-2, 3]);
    expect(remainder(tensor([-3, 7]), 2).dtype).toBe("int32");
    expect(tensor([[7.5], [-7.5]]).remainder(tensor([2, -2])).toArray()).toEqual([[1.5, -0.5], [0.5, -1.5]]);
  });

  it("differentiates x (gradient 1) and y (−floor(x/y) or −trunc(x/y))", () => {
    const x = tensor([5.5, -7.25], { requiresGrad: true, dtype: "float64" });
    const y = tensor([2, 3], { requiresGrad: true, dtype: "float64" });
    x.remainder(y).sum().backward();
    expect(x.grad!.toArray()).toEqual([1, 1]);
    expect(y.grad!.toArray()).toEqual([-2, 3]);
    const a = tensor([5.5, -7.25], { requiresGrad: true, dtype: "float64" });
    const b = tensor([2, 3], { requiresGrad: true, dtype: "float64" });
    a.fmod(b).sum().backward();
    expect(b.grad!.toArray()).toEqual([-2, 2]);
  });

  it("integer division by zero is an error saying what to do; float gives NaN", () => {
    expect(() => tensor([1, 2]).remainder(tensor([0, 1]))).toThrow("remainder: integer division by zero (the int divisor of shape [2] holds 0 at flat index 0); use float tensors to get NaN instead");
    expect(Number.isNaN(tensor([1.5]).fmod(0).item())).toBe(true);
  });
});
