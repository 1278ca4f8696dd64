import { describe, expect, it } from "vitest";
import { nn, tensor, Tensor } from "axone";

describe("Module.registerForwardPreHook (PyTorch's register_forward_pre_hook)", () => {
  it("sees the inputs before forward, may replace them, and is removed by its handle", () => {
    const layer = new nn.ReLU();
    const seen: number[][] = [];
    const watch = layer.registerForwardPreHook((_module, [x]) => {
      seen.push((x as Tensor).toArray() as number[]);
    });
    const negate = layer.registerForwardPreHook((_module, [x]) => [(x as Tensor).neg()]);
    expect(layer(tensor([-1, 2])).toArray()).toEqual([1, 0]);
    expect(seen).toEqual([[-1, 2]]);
    negate.remove();
    watch.remove();
    expect(layer(tensor([-1, 2])).toArray()).toEqual([0, 2]);
    expect(seen).toHaveLength(1);
  });

  it("runs before the forward hooks, which see the replaced inputs", () => {
    const layer = new nn.Identity();
    const order: string[] = [];
    layer.registerForwardPreHook(() => {
      order.push("pre");
      return tensor([5]);
    });
    layer.registerForwardHook((_module, inputs, output) => {
      order.push(`post ${(inputs[0] as Tensor).item()} ${(output as Tensor).item()}`);
    });
    layer(tensor([1]));
    expect(order).toEqual(["pre", "post 5 5"]);
  });
});
