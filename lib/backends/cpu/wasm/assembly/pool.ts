// Max and average pooling over planes x[P, H, W] (P = batch·channels), forward and backward.
// Threads split the planes. Max pooling records, per output, the flat index ih·W + iw of
// its maximum within the plane (as PyTorch's return_indices does); the backward scatters through it.

@inline function share(count: i32, tid: i32, threads: i32): i32 {
  return <i32>((<i64>count * tid) / threads);
}

// Taps i in [first, end) of a window starting at `start` with spacing `step` that land inside [0, size).
@inline function firstTap(start: i32, step: i32, taps: i32): i32 {
  return start >= 0 ? 0 : min(taps, (-start + step - 1) / step);
}
@inline function endTap(start: i32, step: i32, size: i32, taps: i32): i32 {
  return size <= start ? 0 : min(taps, (size - start + step - 1) / step);
}

export function maxPool2d(
  x: usize, planes: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32,
  OH: i32, OW: i32, y: usize, indices: usize, tid: i32, threads: i32,
): void {
  const q0 = share(planes, tid, threads), q1 = share(planes, tid + 1, threads);
  for (let q = q0; q < q1; q++) {
    const plane = x + (<usize>q * H * W << 2);
    const out = <usize>q * OH * OW << 2;
    for (let oh = 0; oh < OH; oh++) {
      const hs = oh * sh - ph;
      const i0 = firstTap(hs, dh, kh), i1 = endTap(hs, dh, H, kh);
      for (let ow = 0; ow < OW; ow++) {
        const ws = ow * sw - pw;
        const j0 = firstTap(ws, dw, kw), j1 = endTap(ws, dw, W, kw);
        // As PyTorch: start from the window's first tap inside the image; a larger value or a NaN
        // takes over (branch-free, so random data costs no mispredictions).
        let bestIndex = i0 < i1 && j0 < j1 ? (hs + i0 * dh) * W + ws + j0 * dw : -1;
        let best: f32 = bestIndex >= 0 ? load<f32>(plane + (<usize>bestIndex << 2)) : -Infinity;
        for (let i = i0; i < i1; i++) {
          const row = (hs + i * dh) * W + ws;
          for (let j = j0; j < j1; j++) {
            const index = row + j * dw;
            const value = load<f32>(plane + (<usize>index << 2));
            const takes = value > best || value != value;
            best = select<f32>(value, best, takes);
            bestIndex = select<i32>(index, bestIndex, takes);
          }
        }
        const o = out + (<usize>(oh * OW + ow) << 2);
        store<f32>(y + o, best);
        store<i32>(indices + o, bestIndex);
      }
    }
  }
}

/** dx (zeroed by the caller) += dy routed through the indices of maxPool2d. */
export function maxPool2dBackward(dy: usize, indices: usize, planes: i32, H: i32, W: i32, OH: i32, OW: i32, dx: usize, tid: i32, threads: i32): void {
  const q0 = share(planes, tid, threads), q1 = share(planes, tid + 1, threads);
  const P = OH * OW;
  for (let q = q0; q < q1; q++) {
    const plane = dx + (<usize>q * H * W << 2);
    for (let p = 0; p < P; p++) {
      const o = (<usize>q * P + p) << 2;
      const index = load<i32>(indices + o);
      if (index < 0) continue;
      const d = plane + (<usize>index << 2);
      store<f32>(d, load<f32>(d) + load<f32>(dy + o));
    }
  }
}

// Divisor of one average-pooling window: the whole window when padding counts (PyTorch's default),
// else only the part inside the image.
@inline function windowSize(oh: i32, ow: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, countPad: bool): i32 {
  const hs = oh * sh - ph, ws = ow * sw - pw;
  // the window is clipped to the padded image (as in PyTorch when ceil mode is off this is the full window)
  const he = min(hs + kh, H + ph), we = min(ws + kw, W + pw);
  if (countPad) return (he - hs) * (we - ws);
  return (min(he, H) - max(hs, 0)) * (min(we, W) - max(ws, 0));
}

export function avgPool2d(
  x: usize, planes: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, countPad: i32,
  OH: i32, OW: i32, y: usize, tid: i32, threads: i32,
): void {
  const q0 = share(planes, tid, threads), q1 = share(planes, tid + 1, threads);
  for (let q = q0; q < q1; q++) {
    const plane = x + (<usize>q * H * W << 2);
    const out = y + (<usize>q * OH * OW << 2);
    for (let oh = 0; oh < OH; oh++) {
      const hs = oh * sh - ph;
      for (let ow = 0; ow < OW; ow++) {
        const ws = ow * sw - pw;
        let sum: f32 = 0;
        for (let ih = max(hs, 0); ih < min(hs + kh, H); ih++)
          for (let iw = max(ws, 0); iw < min(ws + kw, W); iw++) sum += load<f32>(plane + (<usize>(ih * W + iw) << 2));
        const size = windowSize(oh, ow, H, W, kh, kw, sh, sw, ph, pw, countPad != 0);
        store<f32>(out + (<usize>(oh * OW + ow) << 2), size > 0 ? sum / <f32>size : 0);
      }
    }
  }
}

/** dx (zeroed by the caller) += each dy spread evenly over its window. */
export function avgPool2dBackward(
  dy: usize, planes: i32, H: i32, W: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, countPad: i32,
  OH: i32, OW: i32, dx: usize, tid: i32, threads: i32,
): void {
  const q0 = share(planes, tid, threads), q1 = share(planes, tid + 1, threads);
  for (let q = q0; q < q1; q++) {
    const plane = dx + (<usize>q * H * W << 2);
    const grad = dy + (<usize>q * OH * OW << 2);
    for (let oh = 0; oh < OH; oh++) {
      const hs = oh * sh - ph;
      for (let ow = 0; ow < OW; ow++) {
        const ws = ow * sw - pw;
        const size = windowSize(oh, ow, H, W, kh, kw, sh, sw, ph, pw, countPad != 0);
        if (size <= 0) continue;
        const g = load<f32>(grad + (<usize>(oh * OW + ow) << 2)) / <f32>size;
        for (let ih = max(hs, 0); ih < min(hs + kh, H); ih++)
          for (let iw = max(ws, 0); iw < min(ws + kw, W); iw++) {
            const d = plane + (<usize>(ih * W + iw) << 2);
            store<f32>(d, load<f32>(d) + g);
          }
      }
    }
  }
}
