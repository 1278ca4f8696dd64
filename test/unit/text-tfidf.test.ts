import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as text from "../../lib/text";

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/text/tfidf.json", import.meta.url)), "utf8"));

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, rtol = 1e-4) {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= rtol * Math.abs(expected[i]) + 1e-12)) throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

describe("text TF-IDF equals scikit-learn", () => {
  for (const c of ref.cases) {
    it(`TfidfVectorizer(${JSON.stringify(c.sklearn)})`, () => {
      const tfidf = new text.TfidfVectorizer({ tokenizer: "sklearn", ...c.axone });
      const X = tfidf.fitTransform(ref.corpus);
      expect(tfidf.featureNames).toEqual(c.vocabulary);
      expect(X.shape).toEqual([ref.corpus.length, c.vocabulary.length]);
      expectClose(X.toDenseArray(), c.tfidf.flat(), "tfidf");
      if (c.idf) expectClose(tfidf.idf, c.idf, "idf");
      const counts = new text.CountVectorizer({ tokenizer: "sklearn", ...c.axone }).fitTransform(ref.corpus);
      expect(counts.toDense()).toEqual(c.counts);
    });
  }

  it("the sklearn tokenizer splits like Python's (?u)\\b\\w\\w+\\b (combining marks, superscripts, numerals)", () => {
    // Expected list printed by /usr/bin/python3: re.findall(r"(?u)\b\w\w+\b", s)
    const s = "cafe\u0301 ete\u0301 \u00e9t\u00e9 x\u00b2y \u2166ab";
    expect(new text.CountVectorizer({ tokenizer: "sklearn", lowercase: false }).analyze(s)).toEqual(["cafe", "ete", "été", "x²y", "Ⅶab"]);
  });

  it("transforms unseen documents with the fitted vocabulary and idf", () => {
    const tfidf = new text.TfidfVectorizer({ tokenizer: "sklearn" }).fit(ref.corpus);
    const X = tfidf.transform(["free free report", "nothing known here zzz"]);
    const row = X.row(0);
    const free = tfidf.featureNames.indexOf("free"), report = tfidf.featureNames.indexOf("report");
    const a = 2 * tfidf.idf[free], b = tfidf.idf[report];
    expect(row[free]).toBeCloseTo(a / Math.hypot(a, b), 12);
    expect(X.row(1).filter((v) => v !== 0).length).toBe(1); // only "here" is known
  });
});

describe("text bag of words (CSR) and the course's formulas", () => {
  it("builds the course's bag of words with French pre-processing", () => {
    const cv = new text.CountVectorizer({ language: "fr", stopWords: true });
    const X = cv.fitTransform(["Le thé est bouillant", "Le café est froid, le thé aussi"]);
    expect(cv.featureNames).toEqual(["bouillant", "café", "froid", "thé"]);
    expect(X.toDense()).toEqual([[1, 0, 0, 1], [0, 1, 1, 1]]);
    expect(X.nnz).toBe(5);
    expect(Array.from(X.indptr)).toEqual([0, 2, 5]);
    expect(X.sparsity).toBeCloseTo(3 / 8, 12);
  });

  it("courseTfidf: tf = n/Σn, idf = ln(|D|/df)", () => {
    const X = new text.CountVectorizer({ tokenizer: "sklearn" }).fitTransform(["aa bb bb", "aa cc", "dd"]);
    const { tfidf, idf } = text.courseTfidf(X);
    // vocabulary aa, bb, cc, dd; df = 2, 1, 1, 1; N = 3
    expectClose(idf, [Math.log(3 / 2), Math.log(3), Math.log(3), Math.log(3)], "idf", 1e-12);
    expectClose(tfidf.row(0), [(1 / 3) * Math.log(1.5), (2 / 3) * Math.log(3), 0, 0], "row 0", 1e-12);
    expect(tfidf.get(2, 3)).toBeCloseTo(Math.log(3), 12);
  });

  it("vocabulary min/max document frequency and maxFeatures", () => {
    const docs = [["a", "b", "c"], ["a", "b"], ["a", "d"], ["a", "b", "e", "e", "e", "e", "e"]];
    expect(text.Vocabulary.build(docs, { minDf: 2 }).terms).toEqual(["a", "b"]);
    expect(text.Vocabulary.build(docs, { maxDf: 0.8 }).terms).toEqual(["b", "c", "d", "e"]);
    expect(text.Vocabulary.build(docs, { maxFeatures: 2 }).terms).toEqual(["a", "e"]);
    const v = text.Vocabulary.build(docs);
    expect(Array.from(v.documentFrequency)).toEqual([4, 3, 1, 1, 1]);
    expect(Array.from(v.termCount)).toEqual([4, 3, 1, 1, 5]);
  });

  it("says what to fix on an empty corpus or an empty vocabulary", () => {
    expect(() => new text.TfidfVectorizer().fit([])).toThrow(/the corpus is empty/);
    expect(() => text.Vocabulary.build([])).toThrow(/the corpus is empty/);
    expect(() => new text.CountVectorizer({ language: "fr", stopWords: true }).fit(["le la les", "de du"])).toThrow(/no term is left .*only stop words/);
    expect(() => new text.CountVectorizer().transform(["x"])).toThrow(/call fit\(documents\) first/);
    expect(() => new text.CountVectorizer({ language: "es" as "fr" })).toThrow(/unknown language "es"/);
    expect(() => text.Vocabulary.build([["a"]], { minDf: 1.5 })).toThrow(/minDf must be a document count/);
  });
});
