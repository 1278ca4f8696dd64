import { describe, expect, it } from "vitest";
import { linalg, manualSeed, randn, tensor, Tensor } from "axone";

const f64 = (rows: number[][] | number[]) => tensor(rows, { dtype: "float64" });
const close = (a: Tensor, b: Tensor | number[][] | number[], tol = 1e-9) => {
  const x = a.reshape([-1]).toArray() as number[];
  const y = (b instanceof Tensor ? b.reshape([-1]).toArray() : (b as number[]).flat()) as number[];
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i])).toBeLessThan(tol));
};

/** Central finite differences of a scalar function of one float64 tensor. */
function numericGrad(f: (x: Tensor) => Tensor, x: Tensor, h = 1e-6): number[] {
  const values = x.reshape([-1]).toArray() as number[];
  return values.map((_, i) => {
    const plus = [...values], minus = [...values];
    plus[i] += h;
    minus[i] -= h;
    return (f(f64(plus).reshape(x.shape)).item() - f(f64(minus).reshape(x.shape)).item()) / (2 * h);
  });
}

describe("linalg", () => {
  it("solve: a 2×2 system, several right-hand sides, and pivoting on a zero leading entry", () => {
    close(linalg.solve(f64([[3, 1], [1, 2]]), f64([9, 8])), [2, 3]);
    const a = f64([[0, 2, 1], [1, 1, 1], [2, 1, 0]]);
    const b = f64([[1, 0], [2, 1], [3, 5]]);
    close(a.matmul(linalg.solve(a, b)), b);
    expect(linalg.solve(f64([[3, 1], [1, 2]]), f64([9, 8])).dtype).toBe("float64");
    expect(linalg.solve(tensor([[2, 0], [0, 4]]), tensor([2, 2])).dtype).toBe("float32");
  });

  it("solve is differentiable in A and B (finite differences)", () => {
    manualSeed(1);
    const a0 = randn([3, 3], { dtype: "float64" }).add(f64([[3, 0, 0], [0, 3, 0], [0, 0, 3]]));
    const b0 = randn([3, 2], { dtype: "float64" });
    const weights = randn([3, 2], { dtype: "float64" });
    const loss = (a: Tensor, b: Tensor) => linalg.solve(a, b).mul(weights).sum();
    const a = a0.detach().requiresGrad_(), b = b0.detach().requiresGrad_();
    loss(a, b).backward();
    close(a.grad!, numericGrad((x) => loss(x, b0), a0), 1e-6);
    close(b.grad!, numericGrad((x) => loss(a0, x), b0), 1e-6);
  });

  it("inv and det, with det's gradient det(A)·A⁻ᵀ", () => {
    const a = f64([[4, 7], [2, 6]]);
    close(linalg.inv(a), [[0.6, -0.7], [-0.2, 0.4]]);
    expect(linalg.det(f64([[1, 2], [3, 4]])).item()).toBeCloseTo(-2, 12);
    expect(linalg.det(f64([[0, 1], [1, 0]])).item()).toBeCloseTo(-1, 12);
    expect(linalg.det(f64([[1, 2], [2, 4]])).item()).toBe(0);
    const x = a.detach().requiresGrad_();
    linalg.det(x).backward();
    close(x.grad!, numericGrad((m) => linalg.det(m), a), 1e-6);
  });

  it("lstsq is the regression line through (1, 1), (2, 2), (3, 2)", () => {
    const design = f64([[1, 1], [1, 2], [1, 3]]);
    close(linalg.lstsq(design, f64([1, 2, 2])), [2 / 3, 0.5]);
    expect(linalg.lstsq(design, f64([[1], [2], [2]])).shape).toEqual([2, 1]);
  });

  it("eigh gives ascending eigenvalues and orthonormal eigenvectors that rebuild A", () => {
    const { eigenvalues, eigenvectors } = linalg.eigh(f64([[2, 1], [1, 2]]));
    close(eigenvalues, [1, 3]);
    manualSeed(2);
    const m = randn([6, 6], { dtype: "float64" });
    const sym = m.add(m.t());
    const { eigenvalues: l, eigenvectors: q } = linalg.eigh(sym);
    close(q.mul(l).matmul(q.t()), sym, 1e-9);
    close(q.t().matmul(q), tensor(Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 1 : 0)))), 1e-9);
    const values = l.toArray() as number[];
    expect([...values].sort((x, y) => x - y)).toEqual(values);
    expect(eigenvectors.shape).toEqual([2, 2]);
  });

  it("svd rebuilds tall, wide and rank-deficient matrices with descending singular values", () => {
    manualSeed(3);
    for (const shape of [[5, 3], [3, 5], [4, 4]]) {
      const a = randn(shape, { dtype: "float64" });
      const { U, S, Vh } = linalg.svd(a);
      const k = Math.min(shape[0], shape[1]);
      expect(U.shape).toEqual([shape[0], k]);
      expect(Vh.shape).toEqual([k, shape[1]]);
      close(U.mul(S).matmul(Vh), a, 1e-9);
      const s = S.toArray() as number[];
      expect([...s].sort((x, y) => y - x)).toEqual(s);
    }
    const rank1 = f64([[1, 2], [2, 4], [3, 6]]);
    const { U, S, Vh } = linalg.svd(rank1);
    close(S, [Math.sqrt(70), 0], 1e-9);
    close(U.t().matmul(U), [[1, 0], [0, 1]], 1e-9);
    close(U.mul(S).matmul(Vh), rank1, 1e-9);
    close(linalg.svd(f64([[3, 0], [0, -2]])).S, [3, 2]);
  });

  it("bad input says what to fix", () => {
    expect(() => linalg.solve(f64([[1, 2, 3], [4, 5, 6]]), f64([1, 2]))).toThrow("linalg.solve: expected a square matrix, got shape [2,3]");
    expect(() => linalg.solve(f64([[1, 2], [2, 4]]), f64([1, 2]))).toThrow("is singular (not invertible); use linalg.lstsq");
    expect(() => linalg.solve(f64([[1, 0], [0, 1]]), f64([1, 2, 3]))).toThrow("A [2,2] and B [3] do not match: B needs 2 rows");
    expect(() => linalg.lstsq(f64([[1, 1], [2, 2], [3, 3]]), f64([1, 2, 3]))).toThrow("linearly dependent");
    expect(() => linalg.eigh(f64([1, 2]))).toThrow("linalg.eigh: input must be a 2-D matrix, got shape [2]");
  });
});
