// The library's global seeded generator (xoshiro128**), so notebooks are reproducible with manualSeed(n).

export class Generator {
  private s = new Uint32Array(4);
  private spare: number | null = null;
  constructor(seed: number) {
    this.seed(seed);
  }
  /** Resets the state from a 32-bit seed (splitmix32 expansion). */
  seed(seed: number): void {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
    this.spare = null;
  }
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5, lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Uniform integer in [low, high). */
  integer(low: number, high: number): number {
    return low + Math.floor(this.uniform() * (high - low));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The seed of a fresh process (fixed, as PyTorch's default generator is): notebooks rerun identically. */
const INITIAL_SEED = 67280421;

/** The generator behind rand, randn, randint, randperm, dropout and normal_/uniform_. */
export const defaultGenerator = new Generator(INITIAL_SEED);
let currentSeed = INITIAL_SEED;

/** The seed the global generator was last seeded with (torch.initial_seed). */
export function initialSeed(): number {
  return currentSeed;
}

/**
 * Seeds the global generator so random tensors are the same on every run.
 * @example
 * manualSeed(0); const a = rand(3); manualSeed(0); rand(3).toArray(); // equals a.toArray()
 */
export function manualSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new Error(`manualSeed: the seed must be a finite number, got ${seed}`);
  currentSeed = Math.floor(seed);
  defaultGenerator.seed(currentSeed);
}
