// Vocabularies, bag of words and TF-IDF. Defaults and formulas follow scikit-learn's
// CountVectorizer / TfidfTransformer (sorted vocabulary, idf = ln((1+n)/(1+df)) + 1 when smooth,
// ln(n/df) + 1 otherwise, optional 1 + ln(tf), rows l2-normalised); `courseTfidf` gives the
// course's tf = n_wd / Σ_k n_kd and idf = ln(|D| / f(w, D)).

import { CsrMatrix } from "./sparse";
import { checkLanguage, ngrams, normalize, preprocess, removeStopWords, stem, stripAccents, type Language } from "./tokenize";

export interface VocabularyOptions {
  /** Ignore terms in fewer documents: an integer count, or a fraction of documents in (0, 1). */
  minDf?: number;
  /** Ignore terms in more documents: an integer count, or a fraction in (0, 1) (leave it out for no limit: 1 would mean one document). */
  maxDf?: number;
  /** Keep the maxFeatures most frequent terms (by count over the corpus). */
  maxFeatures?: number;
}

function dfLimit(op: string, name: string, value: number, documents: number): number {
  // scikit-learn: an integer is a document count, a float a proportion (compared as df ≥ / ≤ value·n).
  if (Number.isInteger(value) && value >= 0) return value;
  if (value > 0 && value < 1) return value * documents;
  throw new Error(`${op}: ${name} must be a document count (integer ≥ 0) or a fraction in (0, 1), got ${value}`);
}

/** A term ↔ column mapping, sorted like scikit-learn's (code-point order). */
export class Vocabulary {
  readonly terms: string[];
  readonly index: Map<string, number>;
  /** Documents containing each term. */
  readonly documentFrequency: Int32Array;
  /** Occurrences of each term in the whole corpus. */
  readonly termCount: Float64Array;

  private constructor(terms: string[], df: Int32Array, counts: Float64Array) {
    this.terms = terms;
    this.index = new Map(terms.map((t, i) => [t, i]));
    this.documentFrequency = df;
    this.termCount = counts;
  }

  /**
   * Builds a vocabulary from tokenised documents, keeping terms within the document-frequency bounds.
   * @example
   * const v = Vocabulary.build([["thé", "bouillant"], ["thé", "froid"]], { minDf: 2 }); // v.terms = ["thé"]
   */
  static build(documents: string[][], options: VocabularyOptions = {}): Vocabulary {
    if (documents.length === 0) throw new Error("Vocabulary.build: the corpus is empty; give at least one document (an array of tokens)");
    const n = documents.length;
    // One hash lookup per token: term → slot, with per-slot count, document frequency and the
    // last document seen (so a term counts once per document without a Set per document).
    const slot = new Map<string, number>();
    const countList: number[] = [], dfList: number[] = [], lastDoc: number[] = [];
    documents.forEach((doc, d) => {
      if (!Array.isArray(doc)) throw new Error(`Vocabulary.build: each document must be an array of tokens, got ${typeof doc}; tokenise strings first (text.tokenize)`);
      for (const t of doc) {
        let i = slot.get(t);
        if (i === undefined) {
          i = countList.length;
          slot.set(t, i);
          countList.push(0);
          dfList.push(0);
          lastDoc.push(-1);
        }
        countList[i]++;
        if (lastDoc[i] !== d) {
          lastDoc[i] = d;
          dfList[i]++;
        }
      }
    });
    const df = { get: (t: string) => dfList[slot.get(t)!], get size() { return slot.size; }, keys: () => slot.keys() };
    const counts = { get: (t: string) => countList[slot.get(t)!] };
    const minDf = options.minDf === undefined ? 1 : dfLimit("Vocabulary.build", "minDf", options.minDf, n);
    const maxDf = options.maxDf === undefined ? n : dfLimit("Vocabulary.build", "maxDf", options.maxDf, n);
    if (maxDf < minDf) throw new Error(`Vocabulary.build: maxDf (${maxDf} documents) is below minDf (${minDf} documents); loosen one of them`);
    let terms = [...df.keys()].filter((t) => df.get(t)! >= minDf && df.get(t)! <= maxDf);
    if (options.maxFeatures !== undefined) {
      if (!Number.isInteger(options.maxFeatures) || options.maxFeatures < 1) throw new Error(`Vocabulary.build: maxFeatures must be a positive integer, got ${options.maxFeatures}`);
      terms = terms.sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0)).slice(0, options.maxFeatures);
    }
    if (terms.length === 0) {
      throw new Error(`Vocabulary.build: no term is left (${df.size} distinct terms before filtering, minDf=${minDf}, maxDf=${maxDf} documents); lower minDf, raise maxDf, or check that the documents are not only stop words`);
    }
    terms.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return new Vocabulary(terms, Int32Array.from(terms, (t) => df.get(t)!), Float64Array.from(terms, (t) => counts.get(t)!));
  }

  get size(): number {
    return this.terms.length;
  }

  /**
   * Counts of each vocabulary term per document, as a CSR matrix [documents, terms]; unknown terms are skipped.
   * @example
   * v.countMatrix([["thé", "thé", "froid"]]).toDense();
   */
  countMatrix(documents: string[][], binary = false): CsrMatrix {
    // Two passes over column ids: collect, then sort each row's ids and run-length count them.
    const indptr = new Int32Array(documents.length + 1);
    const indices: number[] = [];
    const data: number[] = [];
    documents.forEach((doc, r) => {
      const ids: number[] = [];
      for (const t of doc) {
        const c = this.index.get(t);
        if (c !== undefined) ids.push(c);
      }
      ids.sort((a, b) => a - b);
      for (let i = 0; i < ids.length; ) {
        let j = i;
        while (j < ids.length && ids[j] === ids[i]) j++;
        indices.push(ids[i]);
        data.push(binary ? 1 : j - i);
        i = j;
      }
      indptr[r + 1] = indices.length;
    });
    return new CsrMatrix([documents.length, this.size], indptr, Int32Array.from(indices), Float64Array.from(data));
  }
}

export interface CountVectorizerOptions extends VocabularyOptions {
  /**
   * How documents become tokens: "words" (text.tokenize, French elisions, default), "sklearn"
   * (scikit-learn's default token_pattern: runs of two or more word characters), or a function.
   */
  tokenizer?: "words" | "sklearn" | ((doc: string) => string[]);
  language?: Language;
  lowercase?: boolean;
  stripAccents?: boolean;
  /** Remove stop words: true for the language's list, or your own list (default false, as scikit-learn). */
  stopWords?: boolean | string[];
  /** Snowball stemming (only with the "words" tokenizer). */
  stem?: boolean;
  /** [min, max] word n-gram sizes (default [1, 1]). */
  ngramRange?: [number, number];
  /** Count presence (1) rather than occurrences. */
  binary?: boolean;
}

// Python's \w in str patterns: letters, numbers, underscore (combining marks are not word characters).
const SKLEARN_TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/**
 * Bag of words: fit learns the vocabulary, transform counts terms into a CSR matrix [documents, vocabulary].
 * @example
 * const cv = new CountVectorizer({ language: "fr", stopWords: true });
 * const X = cv.fitTransform(["Le thé est bouillant", "Le café est froid"]); // X.shape = [2, 4]
 */
export class CountVectorizer {
  readonly options: CountVectorizerOptions;
  vocabulary?: Vocabulary;
  private customStopWords?: Set<string>;

  constructor(options: CountVectorizerOptions = {}) {
    this.options = options;
    checkLanguage("CountVectorizer", options.language ?? "fr");
  }

  /** The tokens (and n-grams) of one document, as fit and transform see them. */
  analyze(doc: string): string[] {
    if (typeof doc !== "string") throw new Error(`CountVectorizer: documents must be strings, got ${doc === null ? "null" : typeof doc}`);
    const o = this.options;
    const language = o.language ?? "fr";
    const lowercase = o.lowercase ?? true;
    let tokens: string[];
    if (typeof o.tokenizer === "function") {
      tokens = o.tokenizer(o.stripAccents ? stripAccents(doc) : doc);
      if (lowercase) tokens = tokens.map((t) => t.toLowerCase());
    } else if (o.tokenizer === "sklearn") {
      const text = normalize(doc, { lowercase, stripAccents: o.stripAccents });
      tokens = text.match(SKLEARN_TOKEN) ?? [];
    } else if (o.tokenizer === undefined || o.tokenizer === "words") {
      tokens = preprocess(doc, { language, lowercase, stripAccents: o.stripAccents, stopWords: false, stem: false });
    } else {
      throw new Error(`CountVectorizer: tokenizer must be "words", "sklearn" or a function, got ${JSON.stringify(o.tokenizer)}`);
    }
    if (o.stopWords) {
      if (o.stopWords === true) tokens = removeStopWords(tokens, language);
      else {
        this.customStopWords ??= new Set(o.stopWords);
        const set = this.customStopWords;
        tokens = tokens.filter((t) => !set.has(t));
      }
    }
    if (o.stem) tokens = stem(tokens, language);
    const [lo, hi] = o.ngramRange ?? [1, 1];
    return lo === 1 && hi === 1 ? tokens : ngrams(tokens, [lo, hi]);
  }

  fit(documents: string[]): this {
    if (!Array.isArray(documents) || documents.length === 0) throw new Error("CountVectorizer.fit: the corpus is empty; give an array of at least one document string");
    this.vocabulary = Vocabulary.build(documents.map((d) => this.analyze(d)), this.options);
    return this;
  }

  transform(documents: string[]): CsrMatrix {
    if (!this.vocabulary) throw new Error("CountVectorizer.transform: call fit(documents) first to learn the vocabulary");
    return this.vocabulary.countMatrix(documents.map((d) => this.analyze(d)), this.options.binary);
  }

  /** fit then transform, analysing each document once. */
  fitTransform(documents: string[]): CsrMatrix {
    if (!Array.isArray(documents) || documents.length === 0) throw new Error("CountVectorizer.fit: the corpus is empty; give an array of at least one document string");
    const analyzed = documents.map((d) => this.analyze(d));
    this.vocabulary = Vocabulary.build(analyzed, this.options);
    return this.vocabulary.countMatrix(analyzed, this.options.binary);
  }

  /** The vocabulary terms in column order. */
  get featureNames(): string[] {
    if (!this.vocabulary) throw new Error("CountVectorizer.featureNames: call fit(documents) first");
    return this.vocabulary.terms;
  }
}

export interface TfidfOptions {
  /** Row normalisation (default "l2"; null for none). */
  norm?: "l1" | "l2" | null;
  useIdf?: boolean;
  /** idf = ln((1+n)/(1+df)) + 1, as if one extra document held every term once (default true). */
  smoothIdf?: boolean;
  /** tf = 1 + ln(count) (default false). */
  sublinearTf?: boolean;
}

function normalizeRows(m: CsrMatrix, norm: "l1" | "l2" | null): CsrMatrix {
  if (norm === null) return m;
  if (norm !== "l1" && norm !== "l2") throw new Error(`tfidf: norm must be "l1", "l2" or null, got ${JSON.stringify(norm)}`);
  const scale = new Float64Array(m.shape[0]);
  for (let r = 0; r < m.shape[0]; r++) {
    let s = 0;
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) s += norm === "l2" ? m.data[p] * m.data[p] : Math.abs(m.data[p]);
    scale[r] = s === 0 ? 1 : norm === "l2" ? 1 / Math.sqrt(s) : 1 / s;
  }
  return m.map((v, r) => v * scale[r]);
}

/**
 * TF-IDF weighting of a count matrix (scikit-learn's TfidfTransformer).
 * @example
 * const X = new TfidfTransformer().fitTransform(new CountVectorizer().fitTransform(docs));
 */
export class TfidfTransformer {
  readonly options: Required<TfidfOptions>;
  idf?: Float64Array;

  constructor(options: TfidfOptions = {}) {
    this.options = { norm: options.norm === undefined ? "l2" : options.norm, useIdf: options.useIdf ?? true, smoothIdf: options.smoothIdf ?? true, sublinearTf: options.sublinearTf ?? false };
  }

  fit(counts: CsrMatrix): this {
    const [n, terms] = counts.shape;
    if (n === 0) throw new Error("TfidfTransformer.fit: the count matrix has no documents");
    const df = new Float64Array(terms);
    for (let p = 0; p < counts.nnz; p++) if (counts.data[p] > 0) df[counts.indices[p]]++;
    const smooth = this.options.smoothIdf ? 1 : 0;
    this.idf = df.map((d) => Math.log((n + smooth) / (d + smooth)) + 1);
    return this;
  }

  transform(counts: CsrMatrix): CsrMatrix {
    const { useIdf, sublinearTf, norm } = this.options;
    if (useIdf && !this.idf) throw new Error("TfidfTransformer.transform: call fit(counts) first");
    if (useIdf && this.idf!.length !== counts.shape[1]) throw new Error(`TfidfTransformer.transform: fitted on ${this.idf!.length} terms but got a [${counts.shape}] matrix`);
    const weighted = counts.map((v, _r, c) => (sublinearTf ? 1 + Math.log(v) : v) * (useIdf ? this.idf![c] : 1));
    return normalizeRows(weighted, norm);
  }

  fitTransform(counts: CsrMatrix): CsrMatrix {
    return this.fit(counts).transform(counts);
  }
}

/**
 * CountVectorizer + TfidfTransformer in one (scikit-learn's TfidfVectorizer).
 * @example
 * const tfidf = new TfidfVectorizer({ language: "fr", stopWords: true });
 * const X = tfidf.fitTransform(corpus); // CSR [documents, terms], rows of unit l2 norm
 */
export class TfidfVectorizer {
  readonly counter: CountVectorizer;
  readonly transformer: TfidfTransformer;

  constructor(options: CountVectorizerOptions & TfidfOptions = {}) {
    this.counter = new CountVectorizer(options);
    this.transformer = new TfidfTransformer(options);
  }

  fit(documents: string[]): this {
    this.transformer.fit(this.counter.fitTransform(documents));
    return this;
  }

  transform(documents: string[]): CsrMatrix {
    return this.transformer.transform(this.counter.transform(documents));
  }

  fitTransform(documents: string[]): CsrMatrix {
    return this.transformer.fitTransform(this.counter.fitTransform(documents));
  }

  get featureNames(): string[] {
    return this.counter.featureNames;
  }

  get idf(): Float64Array {
    if (!this.transformer.idf) throw new Error("TfidfVectorizer.idf: call fit(documents) first");
    return this.transformer.idf;
  }
}

/**
 * The course's TF-IDF: tf_{w,d} = n_{w,d} / Σ_k n_{k,d}, idf_w = ln(|D| / f(w, D)), no normalisation.
 * @example
 * courseTfidf(new CountVectorizer().fitTransform(["le thé est bouillant", "le café"]));
 */
export function courseTfidf(counts: CsrMatrix): { tfidf: CsrMatrix; idf: Float64Array } {
  const [n, terms] = counts.shape;
  if (n === 0) throw new Error("courseTfidf: the count matrix has no documents");
  const df = new Float64Array(terms);
  for (let p = 0; p < counts.nnz; p++) if (counts.data[p] > 0) df[counts.indices[p]]++;
  const idf = df.map((d) => (d === 0 ? 0 : Math.log(n / d)));
  const lengths = new Float64Array(n);
  for (let r = 0; r < n; r++) for (let p = counts.indptr[r]; p < counts.indptr[r + 1]; p++) lengths[r] += counts.data[p];
  return { tfidf: counts.map((v, r, c) => (v / lengths[r]) * idf[c]), idf };
}
