import { describe, expect, it } from "vitest";
import { Random } from "../../lib/data/random";
import { housePricesArrays, irisArrays, mnistArrays, moonsArrays, splitIndices, spiralsArrays, takeRows, xorArrays } from "../../lib/data/arrays";
import { ProgressBar } from "../../lib/data/progress";

describe("seeded random numbers", () => {
  it("repeats for a seed and differs between seeds", () => {
    expect(Array.from(new Random(3).permutation(10))).toEqual(Array.from(new Random(3).permutation(10)));
    expect(Array.from(new Random(3).permutation(10))).not.toEqual(Array.from(new Random(4).permutation(10)));
    const p = Array.from(new Random(1).permutation(50)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
  it("draws standard normals", () => {
    const r = new Random(7);
    let s = 0, s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });
});

describe("data sets as arrays", () => {
  it("loads the 10,000 MNIST digits of the mnist package", () => {
    const d = mnistArrays();
    expect(d.count).toBe(10000);
    expect(d.x.length).toBe(10000 * 784);
    expect(d.sampleShape).toEqual([1, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const y of d.y) counts[y]++;
    expect(counts.every((c) => c > 800)).toBe(true);
    let max = 0;
    for (let i = 0; i < 784 * 10; i++) max = Math.max(max, d.x[i]);
    expect(max).toBeGreaterThan(0.9);
    expect(max).toBeLessThanOrEqual(1);
  });
  it("loads iris: 150 × 4, three classes of 50", () => {
    const d = irisArrays();
    expect(d.count).toBe(150);
    expect(d.classes).toEqual(["setosa", "versicolor", "virginica"]);
    expect(Array.from(d.y).filter((y) => y === 2).length).toBe(50);
    expect(Array.from(d.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });
  it("makes XOR, spirals, moons and the course's house prices", () => {
    const x = xorArrays();
    expect(Array.from(x.y)).toEqual([0, 1, 1, 0]);
    expect(Array.from(x.x)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
    const s = spiralsArrays({ perClass: 50, classes: 3 });
    expect(s.count).toBe(150);
    expect(new Set(s.y).size).toBe(3);
    const m = moonsArrays({ count: 101, seed: 2 });
    expect(m.count).toBe(101);
    expect(Array.from(m.y).filter((y) => y === 0).length).toBe(51);
    const h = housePricesArrays();
    expect(Array.from(h.x.subarray(0, 3))).toEqual([70, 3, 2010]);
    expect(Array.from(h.y)).toEqual([460, 232, 315, 178, 240]);
    expect(housePricesArrays({ count: 50 }).count).toBe(50);
  });
  it("splits stratified, disjoint and complete", () => {
    const d = irisArrays();
    const { train, test } = splitIndices(d.count, 0.2, { seed: 0, stratify: d.y });
    expect(test.length).toBe(30);
    expect(train.length).toBe(120);
    expect(new Set([...train, ...test]).size).toBe(150);
    const testClasses = takeRows(d, test).y;
    for (let c = 0; c < 3; c++) expect(Array.from(testClasses).filter((y) => y === c).length).toBe(10);
    expect(() => splitIndices(10, 1.5)).toThrow(/testFraction/);
  });
});

describe("progress bar", () => {
  it("throttles redraws and updates a notebook display in place", () => {
    const calls: { options: unknown; text: string }[] = [];
    const display = (value: Record<symbol, () => Record<string, string>>, options: unknown) =>
      calls.push({ options, text: value[Symbol.for("Jupyter.display")]()["text/plain"] });
    (globalThis as { display?: unknown }).display = display;
    try {
      const bar = new ProgressBar({ total: 1000, desc: "epoch 1", minIntervalMs: 1000 });
      for (let i = 0; i < 1000; i++) bar.update(1, { loss: 0.5 });
      bar.close();
      expect(calls.length).toBe(2); // first draw, then the final one; the 998 in between are throttled
      expect(calls[0].options).toEqual({ displayId: expect.stringMatching(/^axone-progress/) });
      expect(calls[1].options).toEqual({ displayId: (calls[0].options as { displayId: string }).displayId, update: true });
      expect(calls[1].text).toMatch(/^epoch 1: 100%\|█+\| 1000\/1000 .* loss=0\.5000$/);
    } finally {
      delete (globalThis as { display?: unknown }).display;
    }
  });
  it("falls back to the terminal without a display function", () => {
    const bar = new ProgressBar({ total: 4, mode: "none" });
    bar.update(2);
    expect(bar.text()).toMatch(/ 50%\|.*\| 2\/4/);
  });
});
