import { describe, expect, it, vi } from "vitest";

// Wraps the real timingSafeEqual so the test can see that verification goes through it.
vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

import { timingSafeEqual } from "node:crypto";
import { Signer } from "../../kernel/src/wire/signing";

describe("signature verification", () => {
  it("compares signatures with crypto.timingSafeEqual, never with a short-circuiting ===", () => {
    const signer = new Signer("k");
    const frames = [Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")];
    const good = Buffer.from(signer.sign(frames));
    const bad = Buffer.from("f".repeat(64));
    vi.mocked(timingSafeEqual).mockClear();
    expect(signer.verify(good, frames)).toBe(true);
    expect(signer.verify(bad, frames)).toBe(false);
    expect(vi.mocked(timingSafeEqual)).toHaveBeenCalledTimes(2);
  });
});
