import { describe, expect, it } from "vitest";
import * as text from "../../lib/text";
import { seededUniform } from "../../lib/audio/signals";

// Sentences from templates: "chat"/"chien" share contexts, as do "roi"/"reine".
function corpus(count: number, seed: number): string[][] {
  const u = seededUniform(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(u() * xs.length)];
  const templates = [
    () => `le ${pick(["chat", "chien"])} mange ${pick(["la viande", "les croquettes"])} dans la cuisine`,
    () => `le ${pick(["chat", "chien"])} dort sur le tapis du salon`,
    () => `la ${pick(["reine", "roi"])} gouverne le royaume depuis le palais`,
    () => `le peuple salue ${pick(["la reine", "le roi"])} devant le palais`,
    () => `la voiture roule vite sur ${pick(["la route", "l'autoroute"])}`,
  ];
  return Array.from({ length: count }, () => text.tokenize(pick(templates)(), { elisions: "split" }));
}

describe("text word2vec CBOW (C = 2, window 5)", () => {
  it("trains with autograd: the loss falls and neighbours share contexts", () => {
    const w2v = new text.Word2Vec({ embeddingDim: 16, context: 2, epochs: 12, batchSize: 32, learningRate: 0.02, seed: 3 }).fit(corpus(300, 1));
    const [first, last] = [w2v.losses[0], w2v.losses[w2v.losses.length - 1]];
    expect(w2v.losses.length).toBe(12);
    expect(last).toBeLessThan(0.6 * first);
    expect(w2v.embeddings.shape).toEqual([w2v.vocabulary.length, 16]);
    expect(w2v.mostSimilar("chat", 1)[0].word).toBe("chien");
    expect(w2v.similarity("chat", "chien")).toBeGreaterThan(w2v.similarity("chat", "palais"));
    expect(w2v.similarity("roi", "reine")).toBeGreaterThan(w2v.similarity("roi", "voiture"));
  });

  it("cosine similarity and errors", () => {
    expect(text.cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(() => text.cosineSimilarity([1], [1, 2])).toThrow(/length 1 and 2 differ/);
    expect(() => new text.Word2Vec().fit([])).toThrow(/the corpus is empty/);
    expect(() => new text.Word2Vec().mostSimilar("x")).toThrow(/call fit\(sentences\) first/);
    const w2v = new text.Word2Vec({ epochs: 1 }).fit([["a", "b", "c"]]);
    expect(() => w2v.vector("zzz")).toThrow(/"zzz" is not in the vocabulary/);
    const small = new text.Word2Vec({ epochs: 1, maxVocabulary: 2 }).fit([["a", "b", "b", "c", "c", "c"]]);
    expect(small.vocabulary).toEqual(["b", "c"]);
    expect(() => new text.Word2Vec({ context: 0 })).toThrow(/context must be a positive integer, got 0/);
  });
});
