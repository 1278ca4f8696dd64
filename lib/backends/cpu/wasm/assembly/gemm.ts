// Packed, blocked single-precision GEMM: C[M,N] = A[M,K]·B[K,N] (+ C when accumulating).
//
// Operands are first packed (packA / packB) into panels that the 4×8 register
// micro-kernel reads contiguously; the packing routines take a row and a column
// stride, so transposed operands (needed by matmul's backward) cost nothing extra.
// Every exported kernel takes (part, parts) last and does that share of the work;
// the loader hands parts out to the main thread and to workers sharing this memory.

export const MR: i32 = 4; // rows of C per micro-tile
export const NR: i32 = 8; // columns of C per micro-tile (two v128)
const KC: i32 = 256; // depth of one packed block (A panel 4 KiB, B panel 8 KiB: both stay in L1)
const MC_PANELS: i32 = 16; // A panels (64 rows) reused against each B panel while it sits in L1

// a·b + c: a fused multiply-add where relaxed SIMD is on, two rounded ops otherwise.
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Splits `count` items into `threads` near-equal contiguous ranges; returns the start of range `tid`. */
@inline function share(count: i32, tid: i32, threads: i32): i32 {
  return <i32>((<i64>count * tid) / threads);
}

/**
 * Packs A (element (i,k) at src + 4·(i·rowStride + k·colStride)) into row panels of MR:
 * dst[((i/MR)·K + k)·MR + i%MR], zero-padding the last panel.
 */
export function packA(src: usize, rowStride: i32, colStride: i32, M: i32, K: i32, dst: usize, tid: i32, threads: i32): void {
  const panels = (M + MR - 1) / MR;
  const p0 = share(panels, tid, threads), p1 = share(panels, tid + 1, threads);
  for (let p = p0; p < p1; p++) {
    const out = dst + (<usize>p * K * MR << 2);
    const i0 = p * MR;
    const rows = min(MR, M - i0);
    if (rows == MR && colStride == 1) {
      const r0 = src + (<usize>(i0 * rowStride) << 2);
      const r1 = r0 + (<usize>rowStride << 2), r2 = r1 + (<usize>rowStride << 2), r3 = r2 + (<usize>rowStride << 2);
      let k = 0;
      for (; k + 4 <= K; k += 4) {
        // 4×4 transpose of rows i0..i0+3, columns k..k+3
        const ko = <usize>k << 2;
        const a = v128.load(r0 + ko), b = v128.load(r1 + ko), c = v128.load(r2 + ko), d = v128.load(r3 + ko);
        const ab0 = v128.shuffle<i32>(a, b, 0, 4, 1, 5), ab1 = v128.shuffle<i32>(a, b, 2, 6, 3, 7);
        const cd0 = v128.shuffle<i32>(c, d, 0, 4, 1, 5), cd1 = v128.shuffle<i32>(c, d, 2, 6, 3, 7);
        const o = out + (<usize>k * MR << 2);
        v128.store(o, v128.shuffle<i64>(ab0, cd0, 0, 2));
        v128.store(o, v128.shuffle<i64>(ab0, cd0, 1, 3), 16);
        v128.store(o, v128.shuffle<i64>(ab1, cd1, 0, 2), 32);
        v128.store(o, v128.shuffle<i64>(ab1, cd1, 1, 3), 48);
      }
      for (; k < K; k++) {
        const o = out + (<usize>k * MR << 2), ko = <usize>k << 2;
        store<f32>(o, load<f32>(r0 + ko));
        store<f32>(o, load<f32>(r1 + ko), 4);
        store<f32>(o, load<f32>(r2 + ko), 8);
        store<f32>(o, load<f32>(r3 + ko), 12);
      }
      continue;
    }
    for (let k = 0; k < K; k++) {
      const o = out + (<usize>k * MR << 2);
      for (let r = 0; r < MR; r++) {
        const value: f32 = r < rows ? load<f32>(src + (<usize>((i0 + r) * rowStride + k * colStride) << 2)) : 0;
        store<f32>(o + (<usize>r << 2), value);
      }
    }
  }
}

/**
 * Packs B (element (k,j) at src + 4·(k·rowStride + j·colStride)) into column panels of NR:
 * dst[((j/NR)·K + k)·NR + j%NR], zero-padding the last panel.
 */
export function packB(src: usize, rowStride: i32, colStride: i32, K: i32, N: i32, dst: usize, tid: i32, threads: i32): void {
  const panels = (N + NR - 1) / NR;
  const p0 = share(panels, tid, threads), p1 = share(panels, tid + 1, threads);
  for (let p = p0; p < p1; p++) {
    const out = dst + (<usize>p * K * NR << 2);
    const j0 = p * NR;
    const cols = min(NR, N - j0);
    if (cols == NR && colStride == 1) {
      for (let k = 0; k < K; k++) {
        const from = src + (<usize>(k * rowStride + j0) << 2);
        const o = out + (<usize>k * NR << 2);
        v128.store(o, v128.load(from));
        v128.store(o, v128.load(from, 16), 16);
      }
      continue;
    }
    for (let k = 0; k < K; k++) {
      const o = out + (<usize>k * NR << 2);
      for (let c = 0; c < NR; c++) {
        const value: f32 = c < cols ? load<f32>(src + (<usize>(k * rowStride + (j0 + c) * colStride) << 2)) : 0;
        store<f32>(o + (<usize>c << 2), value);
      }
    }
  }
}

// Lane q (0..7) of the 8-float row (v0, v1); lane indices must be constants.
@inline function lane(v0: v128, v1: v128, q: i32): f32 {
  switch (q) {
    case 0: return f32x4.extract_lane(v0, 0);
    case 1: return f32x4.extract_lane(v0, 1);
    case 2: return f32x4.extract_lane(v0, 2);
    case 3: return f32x4.extract_lane(v0, 3);
    case 4: return f32x4.extract_lane(v1, 0);
    case 5: return f32x4.extract_lane(v1, 1);
    case 6: return f32x4.extract_lane(v1, 2);
    default: return f32x4.extract_lane(v1, 3);
  }
}

// The first `cols` floats of a partial tile row, written or added.
@inline function storePartialRow(p: usize, v0: v128, v1: v128, cols: i32, first: bool): void {
  for (let q = 0; q < cols; q++) {
    const at = p + (<usize>q << 2);
    const value = lane(v0, v1, q);
    store<f32>(at, first ? value : load<f32>(at) + value);
  }
}

// One 4×8 tile of C over kc steps of packed A (a) and packed B (b). `first` says whether C is
// overwritten (true) or accumulated into. Partial tiles (rows < MR or cols < NR) store lane by lane.
@inline function microTile(a: usize, b: usize, bStep: usize, kc: i32, c: usize, ldc: i32, first: bool, rows: i32, cols: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let k = 0;
  // One k per iteration: unrolling lets binaryen sink all loads together, which spills registers in V8.
  for (; k < kc; k++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    const a0 = v128.load32_splat(a), a1 = v128.load32_splat(a, 4), a2 = v128.load32_splat(a, 8), a3 = v128.load32_splat(a, 12);
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
    a += 16; b += bStep;
  }
  const ld: usize = <usize>ldc << 2;
  const o0 = c, o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
  if (rows == MR && cols == NR) {
    if (first) {
      v128.store(o0, c00); v128.store(o0, c01, 16);
      v128.store(o1, c10); v128.store(o1, c11, 16);
      v128.store(o2, c20); v128.store(o2, c21, 16);
      v128.store(o3, c30); v128.store(o3, c31, 16);
    } else {
      v128.store(o0, f32x4.add(v128.load(o0), c00)); v128.store(o0, f32x4.add(v128.load(o0, 16), c01), 16);
      v128.store(o1, f32x4.add(v128.load(o1), c10)); v128.store(o1, f32x4.add(v128.load(o1, 16), c11), 16);
      v128.store(o2, f32x4.add(v128.load(o2), c20)); v128.store(o2, f32x4.add(v128.load(o2, 16), c21), 16);
      v128.store(o3, f32x4.add(v128.load(o3), c30)); v128.store(o3, f32x4.add(v128.load(o3, 16), c31), 16);
    }
    return;
  }
  storePartialRow(o0, c00, c01, cols, first);
  if (rows > 1) storePartialRow(o1, c10, c11, cols, first);
  if (rows > 2) storePartialRow(o2, c20, c21, cols, first);
  if (rows > 3) storePartialRow(o3, c30, c31, cols, first);
}

// The blocked loops shared by gemmPacked (B in panels: `packed`) and gemmB (B row-major with
// leading dimension ldb, read in place).
@inline function gemmLoops(pa: usize, b: usize, ldb: i32, packed: bool, c: usize, M: i32, N: i32, K: i32, ldc: i32, accumulate: i32, part: i32, parts: i32): void {
  const mPanels = (M + MR - 1) / MR, nPanels = (N + NR - 1) / NR;
  let i0 = 0, i1 = mPanels, j0 = 0, j1 = nPanels;
  if (mPanels >= nPanels) { i0 = share(mPanels, part, parts); i1 = share(mPanels, part + 1, parts); }
  else { j0 = share(nPanels, part, parts); j1 = share(nPanels, part + 1, parts); }
  if (K == 0) {
    if (accumulate) return;
    for (let i = i0 * MR; i < min(i1 * MR, M); i++) for (let j = j0 * NR; j < min(j1 * NR, N); j++) store<f32>(c + (<usize>(i * ldc + j) << 2), 0);
    return;
  }
  const bStep: usize = packed ? <usize>NR << 2 : <usize>ldb << 2;
  for (let pc = 0; pc < K; pc += KC) {
    const kc = min(KC, K - pc);
    const first = pc == 0 && accumulate == 0;
    for (let ic = i0; ic < i1; ic += MC_PANELS) {
      const icEnd = min(ic + MC_PANELS, i1);
      for (let jp = j0; jp < j1; jp++) {
        const bPanel = packed ? b + ((<usize>jp * K + pc) * NR << 2) : b + ((<usize>pc * ldb + <usize>jp * NR) << 2);
        const cols = min(NR, N - jp * NR);
        for (let ip = ic; ip < icEnd; ip++) {
          const aPanel = pa + ((<usize>ip * K + pc) * MR << 2);
          const rows = min(MR, M - ip * MR);
          microTile(aPanel, bPanel, bStep, kc, c + (<usize>(ip * MR * ldc + jp * NR) << 2), ldc, first, rows, cols);
        }
      }
    }
  }
}

/**
 * C = A·B (accumulate = 0) or C += A·B (accumulate = 1) from packed panels.
 * C is row-major with leading dimension ldc. Parts split whichever of the row- or column-panel
 * counts is larger.
 */
export function gemmPacked(pa: usize, pb: usize, c: usize, M: i32, N: i32, K: i32, ldc: i32, accumulate: i32, part: i32, parts: i32): void {
  gemmLoops(pa, pb, 0, true, c, M, N, K, ldc, accumulate, part, parts);
}

/**
 * As gemmPacked, with B row-major [K, ldb] read in place (no packing pass): ldb must be at least N
 * rounded up to a multiple of 8, the columns past N readable (their results are dropped).
 */
export function gemmB(pa: usize, b: usize, ldb: i32, c: usize, M: i32, N: i32, K: i32, ldc: i32, accumulate: i32, part: i32, parts: i32): void {
  gemmLoops(pa, b, ldb, false, c, M, N, K, ldc, accumulate, part, parts);
}
