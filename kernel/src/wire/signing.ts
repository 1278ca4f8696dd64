// HMAC-SHA256 signatures of Jupyter messages, checked in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Signs and verifies the four signed frames (header, parent header, metadata, content). */
export class Signer {
  private readonly key: Buffer;

  /** An empty key turns signing off, as the protocol says: the signature is then "". */
  constructor(key: string) {
    this.key = Buffer.from(key, "utf8");
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  /** Hex HMAC-SHA256 of the frames, in order; "" when signing is off. */
  sign(frames: readonly Buffer[]): string {
    if (!this.enabled) return "";
    const hmac = createHmac("sha256", this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  }

  /** True when `signature` is the frames' signature. The comparison takes the same time wherever the first difference is. */
  verify(signature: Buffer, frames: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), "ascii");
    // Lengths are public (always 64 hex digits), so a length mismatch may return early.
    if (signature.length !== expected.length) return false;
    return timingSafeEqual(signature, expected);
  }
}
