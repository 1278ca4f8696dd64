// Discrete Fourier transforms on typed arrays, numpy.fft conventions: forward unscaled,
// inverse scaled by 1/n. Powers of two use an iterative radix-2 transform; every other length
// goes through Bluestein's chirp-z algorithm (a power-of-two convolution), so any n is O(n log n).

/** A complex vector stored as two parallel arrays. */
export interface ComplexArray {
  re: Float64Array;
  im: Float64Array;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddleCache.get(n);
  if (!t) {
    const half = n >> 1;
    t = { cos: new Float64Array(half), sin: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      t.cos[k] = Math.cos((2 * Math.PI * k) / n);
      t.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    if (twiddleCache.size > 64) twiddleCache.clear();
    twiddleCache.set(n, t);
  }
  return t;
}

/** In-place radix-2 transform; `sign` -1 is the forward transform e^{-2πikn/N}. */
function radix2InPlace(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  const { cos, sin } = twiddles(n);
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** Bluestein: X_k = conj(w_k) Σ x_n conj(w_n) w_{k-n} with w_m = e^{-sign·iπ m²/N} (2kn = k² + n² − (k−n)²), as one convolution. */
function bluestein(re: Float64Array, im: Float64Array, sign: 1 | -1): ComplexArray {
  const n = re.length;
  const m = nextPowerOfTwo(2 * n - 1);
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small and exact for large k.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -sign * Math.sin(angle);
  }
  const aRe = new Float64Array(m), aIm = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // a_k = x_k * conj(chirp_k)
    aRe[k] = re[k] * chirpRe[k] + im[k] * chirpIm[k];
    aIm[k] = im[k] * chirpRe[k] - re[k] * chirpIm[k];
  }
  const bRe = new Float64Array(m), bIm = new Float64Array(m);
  bRe[0] = chirpRe[0]; bIm[0] = chirpIm[0];
  for (let k = 1; k < n; k++) {
    bRe[k] = bRe[m - k] = chirpRe[k];
    bIm[k] = bIm[m - k] = chirpIm[k];
  }
  radix2InPlace(aRe, aIm, -1);
  radix2InPlace(bRe, bIm, -1);
  for (let k = 0; k < m; k++) {
    const r = aRe[k] * bRe[k] - aIm[k] * bIm[k];
    aIm[k] = aRe[k] * bIm[k] + aIm[k] * bRe[k];
    aRe[k] = r;
  }
  radix2InPlace(aRe, aIm, 1);
  const outRe = new Float64Array(n), outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const cr = aRe[k] / m, ci = aIm[k] / m;
    outRe[k] = cr * chirpRe[k] + ci * chirpIm[k];
    outIm[k] = ci * chirpRe[k] - cr * chirpIm[k];
  }
  return { re: outRe, im: outIm };
}

function transform(re: ArrayLike<number>, im: ArrayLike<number> | undefined, sign: 1 | -1, op: string): ComplexArray {
  const n = re.length;
  if (n === 0) throw new Error(`${op}: the input is empty; pass at least one sample`);
  if (im && im.length !== n) throw new Error(`${op}: real part has ${n} values but imaginary part has ${im.length}`);
  const r = Float64Array.from(re);
  const i = im ? Float64Array.from(im) : new Float64Array(n);
  if (isPowerOfTwo(n)) {
    radix2InPlace(r, i, sign);
    return { re: r, im: i };
  }
  return bluestein(r, i, sign);
}

/**
 * Complex forward DFT of any length (numpy.fft.fft): X_k = Σ x_n e^{-2πikn/N}.
 * @example
 * const { re, im } = fft([1, 0, -1, 0]); // re = [0, 2, 0, 2]
 */
export function fft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexArray {
  return transform(re, im, -1, "fft");
}

/**
 * Complex inverse DFT (numpy.fft.ifft), scaled by 1/N.
 * @example
 * const x = ifft(fft([1, 2, 3]).re, fft([1, 2, 3]).im).re; // ≈ [1, 2, 3]
 */
export function ifft(re: ArrayLike<number>, im?: ArrayLike<number>): ComplexArray {
  const out = transform(re, im, 1, "ifft");
  const n = out.re.length;
  for (let k = 0; k < n; k++) {
    out.re[k] /= n;
    out.im[k] /= n;
  }
  return out;
}

/**
 * FFT of a real signal keeping the n/2+1 non-negative frequencies (numpy.fft.rfft).
 * @example
 * rfft([0, 1, 0, -1]).im[1]; // -2
 */
export function rfft(x: ArrayLike<number>, n: number = x.length): ComplexArray {
  if (!Number.isInteger(n) || n < 1) throw new Error(`rfft: n must be a positive integer, got ${n}`);
  const bins = (n >> 1) + 1;
  const m = Math.min(n, x.length);
  if (n % 2 === 1 || n < 4) {
    const padded = new Float64Array(n);
    for (let k = 0; k < m; k++) padded[k] = x[k];
    const full = fft(padded);
    return { re: full.re.slice(0, bins), im: full.im.slice(0, bins) };
  }
  // Even n: one complex FFT of half the size on z_j = x_{2j} + i·x_{2j+1}, then split:
  // X_k = E_k + e^{-2πik/n} O_k with E_k = (Z_k + conj Z_{h-k})/2, O_k = (Z_k − conj Z_{h-k})/(2i).
  const h = n >> 1;
  const zr = new Float64Array(h), zi = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    zr[j] = 2 * j < m ? x[2 * j] : 0;
    zi[j] = 2 * j + 1 < m ? x[2 * j + 1] : 0;
  }
  const Z = fft(zr, zi);
  const re = new Float64Array(bins), im = new Float64Array(bins);
  for (let k = 0; k <= h; k++) {
    const a = k % h, b = (h - k) % h;
    const er = (Z.re[a] + Z.re[b]) / 2, ei = (Z.im[a] - Z.im[b]) / 2;
    const or = (Z.im[a] + Z.im[b]) / 2, oi = -(Z.re[a] - Z.re[b]) / 2;
    const c = Math.cos((2 * Math.PI * k) / n), sn = -Math.sin((2 * Math.PI * k) / n);
    re[k] = er + or * c - oi * sn;
    im[k] = ei + or * sn + oi * c;
  }
  return { re, im };
}

/**
 * Inverse of rfft (numpy.fft.irfft): rebuilds a real signal of length n (default 2(m-1)) from
 * m non-negative-frequency bins, assuming Hermitian symmetry.
 * @example
 * const X = rfft([1, 2, 3, 4, 5]); irfft(X.re, X.im, 5); // ≈ [1, 2, 3, 4, 5]
 */
export function irfft(re: ArrayLike<number>, im: ArrayLike<number>, n: number = 2 * (re.length - 1)): Float64Array {
  if (re.length !== im.length) throw new Error(`irfft: real part has ${re.length} bins but imaginary part has ${im.length}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`irfft: output length n must be a positive integer, got ${n} (from ${re.length} bins)`);
  const fullRe = new Float64Array(n), fullIm = new Float64Array(n);
  const bins = Math.min(re.length, (n >> 1) + 1);
  for (let k = 0; k < bins; k++) {
    fullRe[k] = re[k];
    fullIm[k] = im[k];
  }
  // numpy drops the imaginary part of the DC bin and, for even n, of the Nyquist bin.
  fullIm[0] = 0;
  if (n % 2 === 0 && bins === (n >> 1) + 1) fullIm[n >> 1] = 0;
  for (let k = 1; k < bins; k++) {
    if (n - k > k) {
      fullRe[n - k] = fullRe[k];
      fullIm[n - k] = -fullIm[k];
    }
  }
  return ifft(fullRe, fullIm).re;
}

/**
 * Sample frequencies of rfft bins in Hz (numpy.fft.rfftfreq): k·sr/n for k = 0..n/2.
 * @example
 * rfftfreq(8, 8); // [0, 1, 2, 3, 4]
 */
export function rfftfreq(n: number, sampleRate = 1): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`rfftfreq: n must be a positive integer, got ${n}`);
  const out = new Float64Array((n >> 1) + 1);
  for (let k = 0; k < out.length; k++) out[k] = (k * sampleRate) / n;
  return out;
}

/**
 * Sample frequencies of fft bins in Hz (numpy.fft.fftfreq): positive then negative.
 * @example
 * fftfreq(4, 4); // [0, 1, -2, -1]
 */
export function fftfreq(n: number, sampleRate = 1): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`fftfreq: n must be a positive integer, got ${n}`);
  const out = new Float64Array(n);
  const positive = Math.floor((n - 1) / 2) + 1;
  for (let k = 0; k < n; k++) out[k] = ((k < positive ? k : k - n) * sampleRate) / n;
  return out;
}

/** |X_k| for each bin. */
export function magnitude(x: ComplexArray): Float64Array {
  const out = new Float64Array(x.re.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.hypot(x.re[k], x.im[k]);
  return out;
}

/**
 * Single-sided amplitude spectrum of a real signal: the amplitude A of each sine component
 * (|X_k|·2/N, DC and Nyquist not doubled), with its frequency axis in Hz.
 * @example
 * // 0.5 sin(2π·4t) + 1.5 sin(2π·1.5t), 10 s at 100 Hz → peaks 0.5 at 4 Hz and 1.5 at 1.5 Hz
 */
export function amplitudeSpectrum(x: ArrayLike<number>, sampleRate: number): { frequencies: Float64Array; amplitudes: Float64Array } {
  const n = x.length;
  const spectrum = magnitude(rfft(x));
  for (let k = 0; k < spectrum.length; k++) {
    const nyquist = n % 2 === 0 && k === n / 2;
    spectrum[k] *= k === 0 || nyquist ? 1 / n : 2 / n;
  }
  return { frequencies: rfftfreq(n, sampleRate), amplitudes: spectrum };
}
