import { describe, expect, it } from "vitest";
import { linalg, manualSeed, randn, tensor, Tensor } from "axone";

const values = (t: Tensor) => t.reshape([-1]).toArray() as number[];
const maxGap = (a: Tensor, b: Tensor) => Math.max(...values(a.sub(b).abs()));
const identity = (k: number) => tensor(Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))), { dtype: "float64" });

/** A [m, n] float64 matrix with the given singular values and random orthonormal singular vectors. */
function withSpectrum(m: number, n: number, singular: number[]): Tensor {
  const k = singular.length;
  const u = linalg.svd(randn([m, k], { dtype: "float64" })).U;
  const v = linalg.svd(randn([n, k], { dtype: "float64" })).U;
  return u.matmul(tensor(singular, { dtype: "float64" }).diag()).matmul(v.t());
}

describe("linalg.svdLowrank / pcaLowrank", () => {
  it("recovers a matrix of rank ≤ q exactly, with the singular values of the full svd", () => {
    manualSeed(1);
    const a = randn([40, 5], { dtype: "float64" }).matmul(randn([5, 30], { dtype: "float64" }));
    const { U, S, V } = linalg.svdLowrank(a, { q: 5 });
    expect(U.shape).toEqual([40, 5]);
    expect(S.shape).toEqual([5]);
    expect(V.shape).toEqual([30, 5]);
    expect(maxGap(U.matmul(S.diag()).matmul(V.t()), a)).toBeLessThan(1e-9);
    expect(maxGap(S, linalg.svd(a).S.narrow(0, 0, 5))).toBeLessThan(1e-9);
  });

  it("finds the leading singular triplets of a full-rank matrix with a decaying spectrum", () => {
    manualSeed(2);
    const spectrum = Array.from({ length: 30 }, (_, i) => 0.7 ** i);
    const a = withSpectrum(60, 30, spectrum);
    const { U, S, V } = linalg.svdLowrank(a, { q: 10, niter: 4 });
    values(S).slice(0, 5).forEach((s, i) => expect(Math.abs(s - spectrum[i]) / spectrum[i]).toBeLessThan(1e-6));
    expect(maxGap(U.t().matmul(U), identity(10))).toBeLessThan(1e-9);
    expect(maxGap(V.t().matmul(V), identity(10))).toBeLessThan(1e-9);
    // Without power iterations the same q gives visibly worse trailing values: niter matters.
    manualSeed(2);
    const rough = linalg.svdLowrank(withSpectrum(60, 30, spectrum), { q: 10, niter: 0 });
    expect(Math.abs(values(rough.S)[7] - spectrum[7])).toBeGreaterThan(Math.abs(values(S)[7] - spectrum[7]));
  });

  it("keeps U and V orthonormal when q exceeds the rank", () => {
    manualSeed(3);
    const a = randn([20, 2], { dtype: "float64" }).matmul(randn([2, 12], { dtype: "float64" }));
    const { U, S, V } = linalg.svdLowrank(a, { q: 4 });
    expect(maxGap(U.t().matmul(U), identity(4))).toBeLessThan(1e-9);
    expect(maxGap(V.t().matmul(V), identity(4))).toBeLessThan(1e-9);
    expect(Math.max(...values(S).slice(2))).toBeLessThan(1e-9);
    expect(maxGap(U.matmul(S.diag()).matmul(V.t()), a)).toBeLessThan(1e-9);
  });

  it("is reproducible with manualSeed and signs the columns of U by their largest component", () => {
    const a = withSpectrum(25, 15, [5, 3, 2, 1, 0.5]);
    manualSeed(4);
    const first = linalg.svdLowrank(a, { q: 3 });
    manualSeed(4);
    const second = linalg.svdLowrank(a, { q: 3 });
    expect(values(first.U)).toEqual(values(second.U));
    const u = first.U.toArray() as number[][];
    for (let j = 0; j < 3; j++) {
      const column = u.map((row) => row[j]);
      const largest = column.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("pcaLowrank centres the data: same values as the svd of the centred matrix, variance S²/(N − 1)", () => {
    manualSeed(5);
    const data = randn([200, 3], { dtype: "float64" }).matmul(tensor([[3, 0, 0, 1], [0, 1, 0, 0], [0, 0, 0.2, 0]], { dtype: "float64" })).add(100);
    const { S, V } = linalg.pcaLowrank(data, { q: 3 });
    const centred = data.sub(data.mean(0, true));
    expect(maxGap(S, linalg.svd(centred).S.narrow(0, 0, 3))).toBeLessThan(1e-8);
    // The variance of the centred data along the first direction is S[0]² / (N − 1).
    const along = centred.matmul(V.narrow(1, 0, 1));
    expect(Math.abs(along.pow(2).sum().item() / 199 - values(S)[0] ** 2 / 199)).toBeLessThan(1e-8);
    // Without centring, the large mean dominates the first direction.
    expect(values(linalg.pcaLowrank(data, { q: 3, center: false }).S)[0]).toBeGreaterThan(1000);
  });

  it("float32 input gives float32 results; bad shapes and q are clear errors", () => {
    manualSeed(6);
    expect(linalg.svdLowrank(randn([10, 8]), { q: 3 }).U.dtype).toBe("float32");
    expect(() => linalg.svdLowrank(randn([5]))).toThrow(/svdLowrank: expected a 2-D matrix, got shape \[5\]/);
    expect(() => linalg.svdLowrank(randn([5, 3]), { q: 4 })).toThrow(/q = 4 must be an integer from 1 to min\(m, n\) = 3 for a matrix of shape \[5, ?3\]/);
    expect(() => linalg.pcaLowrank(randn([2, 3, 4]))).toThrow(/pcaLowrank: expected data \[samples, features\]/);
  });
});
