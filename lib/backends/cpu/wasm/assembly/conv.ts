// Convolution helpers around the GEMM: im2col (image → column matrix), col2im
// (its adjoint, scatter-adding back into an image) and an outer-axis swap.
// Convolution forward, its input gradient, its weight gradient and the
// transposed convolution are all GEMMs over these column matrices.

@inline function share(count: i32, tid: i32, threads: i32): i32 {
  return <i32>((<i64>count * tid) / threads);
}

// First output index o (0 ≤ o ≤ limit) with o·stride + offset ≥ 0, for offset = kernelPos - pad.
@inline function firstValid(offset: i32, stride: i32, limit: i32): i32 {
  if (offset >= 0) return 0;
  return min(limit, (-offset + stride - 1) / stride);
}
// One past the last output index o < limit with o·stride + offset < size.
@inline function endValid(offset: i32, stride: i32, size: i32, limit: i32): i32 {
  if (offset >= size) return 0;
  return max(0, min(limit, (size - offset + stride - 1) / stride));
}

/**
 * Column matrix of channels [c0, c0+Cg) of a batch x[N, C, H, W] (sample stride C·H·W), rows ldCols ≥ N·OH·OW apart:
 * cols[(c·kh + i)·kw + j, (n·OH + oh)·OW + ow] = x[n, c0+c, oh·sh - ph + i·dh, ow·sw - pw + j·dw] (0 outside).
 */
export function im2col(
  x: usize, N: i32, C: i32, H: i32, W: i32, c0: i32, Cg: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, OH: i32, OW: i32,
  cols: usize, ldCols: i32, tid: i32, threads: i32,
): void {
  const rows = Cg * kh * kw;
  const P = OH * OW;
  const ld = <usize>ldCols;
  const r0 = share(rows, tid, threads), r1 = share(rows, tid + 1, threads);
  for (let r = r0; r < r1; r++) {
    const c = r / (kh * kw), i = (r / kw) % kh, j = r % kw;
    const rowOffset = i * dh - ph, colOffset = j * dw - pw;
    const ohStart = firstValid(rowOffset, sh, OH), ohEnd = endValid(rowOffset, sh, H, OH);
    const owStart = firstValid(colOffset, sw, OW), owEnd = endValid(colOffset, sw, W, OW);
    for (let n = 0; n < N; n++) {
      const plane = x + ((<usize>n * C + c0 + c) * H * W << 2);
      const out = cols + ((<usize>r * ld + <usize>n * P) << 2);
      for (let oh = 0; oh < OH; oh++) {
        const o = out + (<usize>(oh * OW) << 2);
        if (oh < ohStart || oh >= ohEnd) { memory.fill(o, 0, <usize>OW << 2); continue; }
        const src = plane + (<usize>((oh * sh + rowOffset) * W) << 2);
        for (let ow = 0; ow < owStart; ow++) store<f32>(o + (<usize>ow << 2), 0);
        if (sw == 1) {
          // runs are short (one output row): an inline vector copy beats a memory.copy call
          const from = src + (<isize>colOffset << 2);
          let ow = owStart;
          for (; ow + 4 <= owEnd; ow += 4) v128.store(o + (<usize>ow << 2), v128.load(from + (<usize>ow << 2)));
          for (; ow < owEnd; ow++) store<f32>(o + (<usize>ow << 2), load<f32>(from + (<usize>ow << 2)));
        } else {
          for (let ow = owStart; ow < owEnd; ow++) store<f32>(o + (<usize>ow << 2), load<f32>(src + (<usize>(ow * sw + colOffset) << 2)));
        }
        for (let ow = max(owEnd, owStart); ow < OW; ow++) store<f32>(o + (<usize>ow << 2), 0);
      }
    }
  }
}

/**
 * Adjoint of im2col: x[n, c0+c, ih, iw] += cols[...] for every column entry that im2col read from there.
 * Threads split the channels, so no two threads write the same pixel.
 */
export function col2im(
  cols: usize, N: i32, C: i32, H: i32, W: i32, c0: i32, Cg: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, OH: i32, OW: i32,
  x: usize, tid: i32, threads: i32,
): void {
  const P = OH * OW;
  const ld = <usize>N * P;
  const ch0 = share(Cg, tid, threads), ch1 = share(Cg, tid + 1, threads);
  for (let c = ch0; c < ch1; c++) {
    for (let i = 0; i < kh; i++) {
      const rowOffset = i * dh - ph;
      const ohStart = firstValid(rowOffset, sh, OH), ohEnd = endValid(rowOffset, sh, H, OH);
      for (let j = 0; j < kw; j++) {
        const colOffset = j * dw - pw;
        const owStart = firstValid(colOffset, sw, OW), owEnd = endValid(colOffset, sw, W, OW);
        const r = (c * kh + i) * kw + j;
        for (let n = 0; n < N; n++) {
          const plane = x + ((<usize>n * C + c0 + c) * H * W << 2);
          const src = cols + ((<usize>r * ld + <usize>n * P) << 2);
          for (let oh = ohStart; oh < ohEnd; oh++) {
            const dst = plane + (<usize>((oh * sh + rowOffset) * W) << 2);
            const s = src + (<usize>(oh * OW) << 2);
            if (sw == 1) {
              let ow = owStart;
              for (; ow + 4 <= owEnd; ow += 4) {
                const d = dst + (<usize>(ow + colOffset) << 2);
                v128.store(d, f32x4.add(v128.load(d), v128.load(s + (<usize>ow << 2))));
              }
              for (; ow < owEnd; ow++) {
                const d = dst + (<usize>(ow + colOffset) << 2);
                store<f32>(d, load<f32>(d) + load<f32>(s + (<usize>ow << 2)));
              }
            } else {
              for (let ow = owStart; ow < owEnd; ow++) {
                const d = dst + (<usize>(ow * sw + colOffset) << 2);
                store<f32>(d, load<f32>(d) + load<f32>(s + (<usize>ow << 2)));
              }
            }
          }
        }
      }
    }
  }
}

/** dst[b, a, :] = src[a, b, :] for src of shape [A, B, P] (moves a batch axis past a channel axis and back). */
export function swapOuter(src: usize, A: i32, B: i32, P: i32, dst: usize, tid: i32, threads: i32): void {
  const a0 = share(A, tid, threads), a1 = share(A, tid + 1, threads);
  const bytes = <usize>P << 2;
  for (let a = a0; a < a1; a++) {
    for (let b = 0; b < B; b++) {
      memory.copy(dst + ((<usize>b * A + a) * P << 2), src + ((<usize>a * B + b) * P << 2), bytes);
    }
  }
}

/** y[n, o, p] = y[n, o, p] + bias[o] for y of shape [N, O, P]. */
export function addChannelBias(y: usize, bias: usize, N: i32, O: i32, P: i32, tid: i32, threads: i32): void {
  const planes = N * O;
  const q0 = share(planes, tid, threads), q1 = share(planes, tid + 1, threads);
  for (let q = q0; q < q1; q++) {
    const b = f32x4.splat(load<f32>(bias + (<usize>(q % O) << 2)));
    const row = y + (<usize>q * P << 2);
    let p = 0;
    for (; p + 4 <= P; p += 4) v128.store(row + (<usize>p << 2), f32x4.add(v128.load(row + (<usize>p << 2)), b));
    for (; p < P; p++) store<f32>(row + (<usize>p << 2), load<f32>(row + (<usize>p << 2)) + f32x4.extract_lane(b, 0));
  }
}

/**
 * Zero-padded copy of planes x[P, H, W] into dst[P, Hp, Wp], the image at row `top`, column `left`
 * (the bottom/right padding is what remains of Hp, Wp).
 */
export function padPlanes(x: usize, planes: i32, H: i32, W: i32, top: i32, left: i32, Hp: i32, Wp: i32, dst: usize, part: i32, parts: i32): void {
  const q0 = share(planes, part, parts), q1 = share(planes, part + 1, parts);
  const rows = min(H, Hp - top), cols = min(W, Wp - left);
  for (let q = q0; q < q1; q++) {
    const out = dst + (<usize>q * Hp * Wp << 2);
    memory.fill(out, 0, <usize>Hp * Wp << 2);
    for (let r = 0; r < rows; r++) {
      const from = x + ((<usize>q * H + r) * W << 2);
      const to = out + (((<usize>(r + top)) * Wp + left) << 2);
      let c = 0;
      for (; c + 4 <= cols; c += 4) v128.store(to + (<usize>c << 2), v128.load(from + (<usize>c << 2)));
      for (; c < cols; c++) store<f32>(to + (<usize>c << 2), load<f32>(from + (<usize>c << 2)));
    }
  }
}

@inline function maddDirect(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * Direct stride-1 convolution over a padded batch xp[N, C, Hp, Wp]: y[n, o, oh, ow] =
 * Σ_k W[o, k] · xp[n, ·, oh + ·, ow + ·] with tap k at byte offset koff[k] from the window's corner.
 * A 4-channel × 8-pixel register tile: W comes packed in panels of 4 channels (packA's layout), and
 * the 8 pixels of one output row are one pair of vector loads per tap (no column matrix). Parts split
 * the N·OH output rows. xp needs 8 floats of slack after its end (row-end tiles read past OW).
 */
export function convDirect(
  xp: usize, N: i32, C: i32, Hp: i32, Wp: i32, O: i32, OH: i32, OW: i32, depth: i32,
  packedW: usize, koff: usize, y: usize, part: i32, parts: i32,
): void {
  const rowsTotal = N * OH;
  const r0 = share(rowsTotal, part, parts), r1 = share(rowsTotal, part + 1, parts);
  const ldc = OH * OW;
  const panels = (O + 3) / 4;
  for (let r = r0; r < r1; r++) {
    const n = r / OH, oh = r % OH;
    for (let ow0 = 0; ow0 < OW; ow0 += 8) {
      const cols = min(8, OW - ow0);
      const base = xp + (((<usize>n * C * Hp + oh) * Wp + ow0) << 2);
      for (let ip = 0; ip < panels; ip++) {
        let a = packedW + (<usize>ip * depth * 4 << 2);
        let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
        let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
        let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
        let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
        for (let k = 0; k < depth; k++) {
          const b = base + <usize>load<i32>(koff + (<usize>k << 2));
          const b0 = v128.load(b), b1 = v128.load(b, 16);
          const a0 = v128.load32_splat(a), a1 = v128.load32_splat(a, 4), a2 = v128.load32_splat(a, 8), a3 = v128.load32_splat(a, 12);
          c00 = maddDirect(a0, b0, c00); c01 = maddDirect(a0, b1, c01);
          c10 = maddDirect(a1, b0, c10); c11 = maddDirect(a1, b1, c11);
          c20 = maddDirect(a2, b0, c20); c21 = maddDirect(a2, b1, c21);
          c30 = maddDirect(a3, b0, c30); c31 = maddDirect(a3, b1, c31);
          a += 16;
        }
        const rows = min(4, O - ip * 4);
        const o0 = y + ((((<usize>n * O + ip * 4) * OH + oh) * OW + ow0) << 2);
        const ld = <usize>ldc << 2;
        if (cols == 8) {
          v128.store(o0, c00); v128.store(o0, c01, 16);
          if (rows > 1) { v128.store(o0 + ld, c10); v128.store(o0 + ld, c11, 16); }
          if (rows > 2) { v128.store(o0 + 2 * ld, c20); v128.store(o0 + 2 * ld, c21, 16); }
          if (rows > 3) { v128.store(o0 + 3 * ld, c30); v128.store(o0 + 3 * ld, c31, 16); }
        } else {
          storeRow(o0, c00, c01, cols);
          if (rows > 1) storeRow(o0 + ld, c10, c11, cols);
          if (rows > 2) storeRow(o0 + 2 * ld, c20, c21, cols);
          if (rows > 3) storeRow(o0 + 3 * ld, c30, c31, cols);
        }
      }
    }
  }
}

@inline function laneOf(v0: v128, v1: v128, q: i32): f32 {
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
@inline function storeRow(p: usize, v0: v128, v1: v128, cols: i32): void {
  for (let q = 0; q < cols; q++) store<f32>(p + (<usize>q << 2), laneOf(v0, v1, q));
}
