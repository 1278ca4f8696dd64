// Scalar special functions the kernels need.

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** The error function, to ~1e-14 for |x| < 3 (Taylor series) and ~1e-9 beyond (asymptotic erfc). */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 3) {
    // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1))
    const x2 = x * x;
    let term = x, sum = x;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (a > 6) return Math.sign(x);
  // erfc(a) ≈ e^{-a²}/(a√π) · Σ (-1)^n (2n-1)!! / (2a²)^n
  const inv = 1 / (2 * a * a);
  let term = 1, sum = 1;
  for (let n = 1; n < 12; n++) {
    term *= -(2 * n - 1) * inv;
    sum += term;
  }
  const erfc = (Math.exp(-a * a) / (a * Math.sqrt(Math.PI))) * sum;
  return Math.sign(x) * (1 - erfc);
}
