// Test signals sampled at a given rate: sines y = A sin(2πft + φ), sums of sines, seeded noise,
// chirps. Times are t_n = n / sampleRate, n = 0 .. round(duration·sampleRate) - 1 (numpy's
// np.arange(0, duration, 1/sr) up to rounding), and samples are Float64Array.

/** One sine component: amplitude A, frequency f in Hz, phase φ in radians. */
export interface SineComponent {
  amplitude?: number;
  frequency: number;
  phase?: number;
}

function sampleCount(op: string, duration: number, sampleRate: number): number {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new Error(`${op}: sampleRate must be a positive number of Hz, got ${sampleRate}`);
  if (!(duration > 0) || !Number.isFinite(duration)) throw new Error(`${op}: duration must be a positive number of seconds, got ${duration}`);
  return Math.round(duration * sampleRate);
}

/**
 * Sample times in seconds: n / sampleRate.
 * @example
 * timeAxis(1, 4); // [0, 0.25, 0.5, 0.75]
 */
export function timeAxis(duration: number, sampleRate: number): Float64Array {
  const n = sampleCount("timeAxis", duration, sampleRate);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i / sampleRate;
  return t;
}

/**
 * A sine wave y = A sin(2πft + φ).
 * @example
 * const y = sine({ amplitude: 0.5, frequency: 4 }, 10, 100); // 1000 samples
 */
export function sine(component: SineComponent, duration: number, sampleRate: number): Float64Array {
  return sumOfSines([component], duration, sampleRate);
}

/**
 * A sum of sines Σ A_i sin(2π f_i t + φ_i) (the course's S = A1 sin(2πf1 t) + A2 sin(2πf2 t)).
 * @example
 * const s = sumOfSines([{ amplitude: 0.5, frequency: 4 }, { amplitude: 1.5, frequency: 1.5 }], 10, 100);
 */
export function sumOfSines(components: SineComponent[], duration: number, sampleRate: number): Float64Array {
  const n = sampleCount("sumOfSines", duration, sampleRate);
  if (components.length === 0) throw new Error("sumOfSines: give at least one {amplitude, frequency, phase} component");
  const y = new Float64Array(n);
  for (const { amplitude = 1, frequency, phase = 0 } of components) {
    if (!Number.isFinite(frequency)) throw new Error(`sumOfSines: frequency must be a finite number of Hz, got ${frequency}`);
    const w = 2 * Math.PI * frequency;
    for (let i = 0; i < n; i++) y[i] += amplitude * Math.sin(w * (i / sampleRate) + phase);
  }
  return y;
}

/** A small seeded generator (mulberry32): the same seed gives the same noise on every machine. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Noise samples: Gaussian N(0, std²) by Box–Muller, or uniform in [-std·√3, std·√3) (same variance).
 * @example
 * const n = noise(1, 16000, { std: 0.1, seed: 42 });
 */
export function noise(duration: number, sampleRate: number, options: { std?: number; seed?: number; kind?: "gaussian" | "uniform" } = {}): Float64Array {
  const { std = 1, seed = 0, kind = "gaussian" } = options;
  if (kind !== "gaussian" && kind !== "uniform") throw new Error(`noise: kind must be "gaussian" or "uniform", got ${String(kind)}`);
  const n = sampleCount("noise", duration, sampleRate);
  const uniform = seededUniform(seed);
  const y = new Float64Array(n);
  if (kind === "uniform") {
    const half = std * Math.sqrt(3);
    for (let i = 0; i < n; i++) y[i] = (2 * uniform() - 1) * half;
    return y;
  }
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - uniform(); // (0, 1]: log is finite
    const u2 = uniform();
    const r = std * Math.sqrt(-2 * Math.log(u1));
    y[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < n) y[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return y;
}

/**
 * A chirp sweeping f0 → f1 Hz over `duration` seconds, scipy.signal.chirp conventions (cosine,
 * phase in degrees → radians here): linear φ(t) = 2π(f0 t + (f1-f0) t²/(2T)), logarithmic
 * φ(t) = 2π f0 T/ln(f1/f0) ((f1/f0)^{t/T} - 1).
 * @example
 * const c = chirp(100, 4000, 1, 16000); // 1 s linear sweep
 */
export function chirp(f0: number, f1: number, duration: number, sampleRate: number, options: { method?: "linear" | "logarithmic"; amplitude?: number; phase?: number } = {}): Float64Array {
  const { method = "linear", amplitude = 1, phase = 0 } = options;
  const n = sampleCount("chirp", duration, sampleRate);
  const y = new Float64Array(n);
  const T = duration;
  if (method === "linear") {
    const k = (f1 - f0) / T;
    for (let i = 0; i < n; i++) {
      const t = i / sampleRate;
      y[i] = amplitude * Math.cos(2 * Math.PI * (f0 * t + 0.5 * k * t * t) + phase);
    }
  } else if (method === "logarithmic") {
    if (!(f0 > 0 && f1 > 0)) throw new Error(`chirp: a logarithmic sweep needs f0 > 0 and f1 > 0, got ${f0} and ${f1}`);
    if (f0 === f1) {
      for (let i = 0; i < n; i++) y[i] = amplitude * Math.cos(2 * Math.PI * f0 * (i / sampleRate) + phase);
    } else {
      const beta = T / Math.log(f1 / f0);
      for (let i = 0; i < n; i++) {
        const t = i / sampleRate;
        y[i] = amplitude * Math.cos(2 * Math.PI * beta * f0 * (Math.pow(f1 / f0, t / T) - 1) + phase);
      }
    }
  } else {
    throw new Error(`chirp: method must be "linear" or "logarithmic", got ${String(method)}`);
  }
  return y;
}
