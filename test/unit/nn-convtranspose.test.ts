import { describe, expect, it } from "vitest";
import { convTranspose2d, manualSeed, nn, randn } from "axone";

describe("nn.ConvTranspose2d with groups and dilation", () => {
  it("has weight [in, out/groups, kH, kW], PyTorch's output size, and matches the functional op", () => {
    manualSeed(0);
    const layer = new nn.ConvTranspose2d(4, 6, 3, { stride: 2, padding: 1, outputPadding: 1, groups: 2, dilation: 2 });
    expect(layer.weight.shape).toEqual([4, 3, 3, 3]);
    const x = randn([2, 4, 5, 5]);
    const y = layer(x);
    // (5 − 1)·2 − 2·1 + 2·(3 − 1) + 1 + 1 = 12
    expect(y.shape).toEqual([2, 6, 12, 12]);
    const expected = convTranspose2d(x, layer.weight, layer.bias, { stride: 2, padding: 1, outputPadding: 1, groups: 2, dilation: 2 });
    expect(y.sub(expected).abs().max().item()).toBe(0);
    expect(String(layer)).toBe("ConvTranspose2d(4, 6, kernel_size=(3,3), stride=(2,2), padding=(1,1), output_padding=(1,1), dilation=(2,2), groups=2)");
  });

  it("rejects channel counts that groups does not divide", () => {
    expect(() => new nn.ConvTranspose2d(4, 5, 3, { groups: 2 })).toThrow("ConvTranspose2d: inChannels 4 and outChannels 5 must both be divisible by groups 2");
  });
});
