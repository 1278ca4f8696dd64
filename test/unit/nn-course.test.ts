// The course's worked examples, run through the nn layers (weights set by hand, no bias).
import { describe, expect, it } from "vitest";
import { data, nn, optim, tensor } from "axone";

describe("course examples through nn layers", () => {
  it("a 6×6 image and the vertical-edge filter [1 0 −1] give the course's 4×4 map (Conv2d, no bias)", () => {
    // deep-learning-pytorch-training: the 6×6 example image and its 4×4 result.
    const image = [
      [3, 0, 1, 2, 7, 4],
      [1, 5, 8, 9, 3, 1],
      [2, 7, 2, 5, 1, 3],
      [0, 1, 3, 1, 7, 8],
      [4, 2, 1, 6, 2, 8],
      [2, 4, 5, 2, 3, 9],
    ];
    const conv = new nn.Conv2d(1, 1, 3, { bias: false });
    conv.loadStateDict({ weight: tensor([[[[1, 0, -1], [1, 0, -1], [1, 0, -1]]]], { dtype: "float32" }) });
    const out = conv(tensor([[image]], { dtype: "float32" }));
    expect(out.toArray()).toEqual([[[[-5, -4, 0, 8], [-10, -2, 2, 3], [0, -2, -4, -7], [-3, -2, -3, -16]]]]);
  });

  it("the 2×2 input [[55,52],[57,50]] through a 3×3 transposed convolution gives the course's 4×4 (stride 1, ConvTranspose2d)", () => {
    const deconv = new nn.ConvTranspose2d(1, 1, 3, { bias: false });
    deconv.loadStateDict({ weight: tensor([[[[1, 2, 1], [2, 1, 2], [1, 1, 2]]]], { dtype: "float32" }) });
    const out = deconv(tensor([[[[55, 52], [57, 50]]]], { dtype: "float32" }));
    expect(out.toArray()).toEqual([[[[55, 162, 159, 52], [167, 323, 319, 154], [169, 264, 326, 204], [57, 107, 164, 100]]]]);
  });

  it("the 1-D signal (0,0,0,0,1,2,3,4,4,4,4) and the filter (−1, 1) give (0,0,0,1,1,1,1,0,0,0) (Conv1d)", () => {
    const conv = new nn.Conv1d(1, 1, 2, { bias: false });
    conv.loadStateDict({ weight: tensor([[[-1, 1]]], { dtype: "float32" }) });
    const out = conv(tensor([[[0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4]]], { dtype: "float32" }));
    expect(out.toArray()).toEqual([[[0, 0, 0, 1, 1, 1, 1, 0, 0, 0]]]);
  });

  it("max pooling f=2, s=2 and average pooling on a 4×4 map", () => {
    const x = tensor([[[[1, 3, 2, 1], [2, 9, 1, 1], [1, 3, 2, 3], [5, 6, 1, 2]]]], { dtype: "float32" });
    expect(new nn.MaxPool2d(2)(x).toArray()).toEqual([[[[9, 2], [6, 3]]]]);
    expect(new nn.AvgPool2d(2)(x).toArray()).toEqual([[[[3.75, 1.25], [3.75, 2]]]]);
  });

  it("J(w1) = (1/2m)·Σ(w1·x − y)² on (1,2,3) with b = 0: J(0) ≈ 2.3, J(1) = 0, and gradient descent finds w1 = 1", () => {
    const x = tensor([[1], [2], [3]], { dtype: "float32" });
    const y = tensor([[1], [2], [3]], { dtype: "float32" });
    const model = new nn.Linear(1, 1, { bias: false });
    const J = () => nn.functional.mseLoss(model(x), y).div(2);
    model.loadStateDict({ weight: tensor([[0]], { dtype: "float32" }) });
    expect(J().item()).toBeCloseTo(14 / 6, 5);
    model.loadStateDict({ weight: tensor([[1]], { dtype: "float32" }) });
    expect(J().item()).toBe(0);
    model.loadStateDict({ weight: tensor([[0]], { dtype: "float32" }) });
    const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
    for (let i = 0; i < 50; i++) {
      opt.zeroGrad();
      J().backward();
      opt.step();
    }
    expect(model.weight.item()).toBeCloseTo(1, 4);
  });

  it("the house-price table of the course is a regression a Linear(3, 1) fits once the inputs are standardised", () => {
    const { x, y } = data.housePrices();
    expect(x.shape).toEqual([5, 3]);
    const xs = x.sub(x.mean(0, true)).div(x.std(0, true));
    const ys = y.reshape([5, 1]);
    const model = new nn.Linear(3, 1);
    const opt = new optim.SGD(model.parameters(), { lr: 0.05 });
    const first = nn.functional.mseLoss(model(xs), ys).item();
    for (let i = 0; i < 500; i++) {
      opt.zeroGrad();
      nn.functional.mseLoss(model(xs), ys).backward();
      opt.step();
    }
    expect(nn.functional.mseLoss(model(xs), ys).item()).toBeLessThan(first / 100);
  });
});
