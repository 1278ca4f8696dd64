// word2vec, continuous bag of words (CBOW): predict a word from the mean of its context's
// embeddings (C words on each side: the course's C = 2, a window of 5), trained with axone's
// autograd (nn.Embedding → mean → nn.Linear → cross-entropy over the vocabulary, Adam).

import { manualSeed, noGrad, tensor, type Tensor } from "../core";
import { Embedding, Linear } from "../nn";
import { crossEntropy } from "../nn/functional";
import { Adam } from "../optim";
import { seededUniform } from "../audio/signals";

export interface Word2VecOptions {
  /** Embedding size (default 32). */
  embeddingDim?: number;
  /** Context words on each side (default 2: a window of 5). */
  context?: number;
  /** Drop words seen fewer times (default 1). */
  minCount?: number;
  /** Keep at most this many of the most frequent words (the output softmax is over the vocabulary; default 5000). */
  maxVocabulary?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

/**
 * Cosine similarity of two vectors: a·b / (|a| |b|) (0 when one is all zeros).
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071…
 */
export function cosineSimilarity(a: ArrayLike<number> | Tensor, b: ArrayLike<number> | Tensor): number {
  const x = isTensor(a) ? a.data() : a;
  const y = isTensor(b) ? b.data() : b;
  if (x.length !== y.length) throw new Error(`cosineSimilarity: vectors of length ${x.length} and ${y.length} differ`);
  let dot = 0, nx = 0, ny = 0;
  for (let i = 0; i < x.length; i++) {
    dot += Number(x[i]) * Number(y[i]);
    nx += Number(x[i]) ** 2;
    ny += Number(y[i]) ** 2;
  }
  return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === "object" && x !== null && "shape" in x && typeof (x as Tensor).data === "function";
}

/**
 * A CBOW word2vec model.
 * @example
 * const w2v = new Word2Vec({ embeddingDim: 16, epochs: 30 }).fit(sentences); // sentences: string[][]
 * w2v.losses;              // mean loss per epoch, falling
 * w2v.mostSimilar("roi");  // [{ word, similarity }, ...]
 * w2v.embeddings;          // Tensor [vocabulary, embeddingDim]
 */
export class Word2Vec {
  readonly options: Required<Word2VecOptions>;
  vocabulary: string[] = [];
  index = new Map<string, number>();
  /** Mean cross-entropy of each epoch. */
  losses: number[] = [];
  private embedding?: Embedding;
  private output?: Linear;

  constructor(options: Word2VecOptions = {}) {
    this.options = { embeddingDim: 32, context: 2, minCount: 1, maxVocabulary: 5000, epochs: 20, batchSize: 64, learningRate: 0.01, seed: 0, ...options };
    const { embeddingDim, context, epochs, batchSize, maxVocabulary } = this.options;
    for (const [name, v] of Object.entries({ embeddingDim, context, epochs, batchSize, maxVocabulary })) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`Word2Vec: ${name} must be a positive integer, got ${v}`);
    }
  }

  /** (context, centre) training pairs; positions outside a sentence use the padding row. */
  private pairs(sentences: string[][]): { contexts: number[]; centres: number[] } {
    const C = this.options.context;
    const pad = this.vocabulary.length;
    const contexts: number[] = [], centres: number[] = [];
    for (const sentence of sentences) {
      const ids = sentence.map((w) => this.index.get(w)).filter((i): i is number => i !== undefined);
      for (let t = 0; t < ids.length; t++) {
        for (let k = -C; k <= C; k++) if (k !== 0) contexts.push(ids[t + k] ?? pad);
        centres.push(ids[t]);
      }
    }
    return { contexts, centres };
  }

  /** Trains on tokenised sentences (arrays of words). */
  fit(sentences: string[][]): this {
    if (!Array.isArray(sentences) || sentences.length === 0) throw new Error("Word2Vec.fit: the corpus is empty; give an array of tokenised sentences (string[][])");
    if (!sentences.every(Array.isArray)) throw new Error("Word2Vec.fit: each sentence must be an array of words; tokenise strings first (text.tokenize)");
    const counts = new Map<string, number>();
    for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
    let kept = [...counts.keys()].filter((w) => counts.get(w)! >= this.options.minCount);
    if (kept.length > this.options.maxVocabulary) {
      kept = kept.sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1)).slice(0, this.options.maxVocabulary);
    }
    this.vocabulary = kept.sort();
    if (this.vocabulary.length < 2) throw new Error(`Word2Vec.fit: only ${this.vocabulary.length} word(s) occur at least minCount=${this.options.minCount} times; give more text or lower minCount`);
    this.index = new Map(this.vocabulary.map((w, i) => [w, i]));
    const { contexts, centres } = this.pairs(sentences);
    const V = this.vocabulary.length;
    const { embeddingDim, context: C, epochs, batchSize, learningRate, seed } = this.options;
    manualSeed(seed);
    this.embedding = new Embedding(V + 1, embeddingDim, { paddingIdx: V });
    this.output = new Linear(embeddingDim, V);
    const optimizer = new Adam([...this.embedding.parameters(), ...this.output.parameters()], { lr: learningRate });
    const n = centres.length;
    const order = Array.from({ length: n }, (_, i) => i);
    const uniform = seededUniform(seed + 1);
    this.losses = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let total = 0;
      for (let start = 0; start < n; start += batchSize) {
        const rows = order.slice(start, start + batchSize);
        const ctx = new Int32Array(rows.length * 2 * C);
        rows.forEach((r, b) => ctx.set(contexts.slice(r * 2 * C, (r + 1) * 2 * C), b * 2 * C));
        const target = tensor(Int32Array.from(rows, (r) => centres[r]), { dtype: "int32" });
        const hidden = this.embedding.forward(tensor(ctx, { dtype: "int32" }).reshape([rows.length, 2 * C])).mean(1);
        const loss = crossEntropy(this.output.forward(hidden), target);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        total += loss.item() * rows.length;
      }
      this.losses.push(total / n);
    }
    return this;
  }

  private check(op: string): Embedding {
    if (!this.embedding) throw new Error(`Word2Vec.${op}: call fit(sentences) first`);
    return this.embedding;
  }

  /** The embedding matrix, one row per vocabulary word: Tensor [vocabulary, embeddingDim]. */
  get embeddings(): Tensor {
    const e = this.check("embeddings");
    return noGrad(() => e.weight.narrow(0, 0, this.vocabulary.length).detach());
  }

  /** A word's embedding as a Float32Array. */
  vector(word: string): Float32Array {
    const e = this.check("vector");
    const i = this.index.get(word);
    if (i === undefined) throw new Error(`Word2Vec.vector: "${word}" is not in the vocabulary (${this.vocabulary.length} words; minCount=${this.options.minCount}, maxVocabulary=${this.options.maxVocabulary})`);
    const d = this.options.embeddingDim;
    return (e.weight.data() as Float32Array).slice(i * d, (i + 1) * d);
  }

  /** Cosine similarity of two vocabulary words. */
  similarity(a: string, b: string): number {
    return cosineSimilarity(this.vector(a), this.vector(b));
  }

  /**
   * The k words whose embeddings are closest (cosine) to `word`'s.
   * @example
   * w2v.mostSimilar("chat", 3); // [{ word: "chien", similarity: 0.83 }, ...]
   */
  mostSimilar(word: string, k = 5): { word: string; similarity: number }[] {
    const target = this.vector(word);
    return this.vocabulary
      .filter((w) => w !== word)
      .map((w) => ({ word: w, similarity: cosineSimilarity(target, this.vector(w)) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, k);
  }
}
