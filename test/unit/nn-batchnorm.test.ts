import { describe, expect, it } from "vitest";
import { nn, tensor } from "axone";

describe("BatchNorm with momentum: null (PyTorch's momentum=None)", () => {
  it("keeps the cumulative average of the batch means and unbiased variances", () => {
    const bn = new nn.BatchNorm1d(1, { momentum: null });
    const batches = [[1, 3], [2, 6], [10, 20]];
    for (const b of batches) bn(tensor(b.map((v) => [v])));
    const means = batches.map(([a, b]) => (a + b) / 2);
    const variances = batches.map(([a, b]) => (a - b) ** 2 / 2);
    const average = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(bn.runningMean!.item()).toBeCloseTo(average(means), 5);
    expect(bn.runningVar!.item()).toBeCloseTo(average(variances), 4);
    expect(bn.numBatchesTracked).toBe(3);
    expect(String(bn)).toBe("BatchNorm1d(1, eps=0.00001, momentum=None)");
  });

  it("still uses momentum 0.1 by default", () => {
    const bn = new nn.BatchNorm1d(1);
    bn(tensor([[1], [3]]));
    expect(bn.runningMean!.item()).toBeCloseTo(0.2, 6);
    expect(bn.momentum).toBe(0.1);
  });
});
