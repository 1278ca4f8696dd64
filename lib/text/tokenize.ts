// Tokenisation and normalisation for French and English: words (letters, with inner hyphens and
// apostrophes such as "aujourd'hui"), numbers, punctuation; French elisions (l', d', qu', ...)
// split off, expanded (l' → le, as the course does) or dropped; lowercase and optional accent
// stripping (NFKD minus combining marks, like scikit-learn's strip_accents="unicode").

import { createRequire } from "node:module";

const requireHere = createRequire(__filename);

export type Language = "fr" | "en";

const LANGUAGES: Record<Language, { stemmer: string; name: string }> = {
  fr: { stemmer: "french", name: "French" },
  en: { stemmer: "english", name: "English" },
};

/** Throws a clear error for anything but "fr" / "en". */
export function checkLanguage(op: string, language: unknown): Language {
  if (language === "fr" || language === "en") return language;
  const hint = typeof language === "string" && /^(french|fran[cç]ais)$/i.test(language) ? ' (use the ISO code "fr")' : typeof language === "string" && /^english$/i.test(language) ? ' (use the ISO code "en")' : "";
  throw new Error(`${op}: unknown language ${JSON.stringify(language)}${hint}; supported: "fr" (French), "en" (English)`);
}

// Elided French articles/pronouns/conjunctions and their full forms.
const FRENCH_ELISIONS: Record<string, string> = {
  l: "le", d: "de", j: "je", m: "me", n: "ne", s: "se", t: "te", c: "ce", qu: "que",
  jusqu: "jusque", lorsqu: "lorsque", puisqu: "puisque", quoiqu: "quoique",
};

export interface TokenizeOptions {
  language?: Language;
  /** Lowercase every token (default true). */
  lowercase?: boolean;
  /** Remove accents: "é" → "e" (default false). */
  stripAccents?: boolean;
  /** Keep punctuation marks as tokens (default false). */
  punctuation?: boolean;
  /** Keep numbers as tokens (default true). */
  numbers?: boolean;
  /**
   * French elisions: "split" keeps "l'" as its own token (default), "expand" writes it out
   * ("l'erreur" → "le", "erreur", as the course's normalisation does), "drop" removes it.
   */
  elisions?: "split" | "expand" | "drop";
}

/**
 * Removes accents (NFKD decomposition, combining marks dropped).
 * @example
 * stripAccents("Élève à l'école"); // "Eleve a l'ecole"
 */
export function stripAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/**
 * Lowercases and optionally strips accents, unifying typographic apostrophes to "'".
 * @example
 * normalize("L’Été", { stripAccents: true }); // "l'ete"
 */
export function normalize(text: string, options: { lowercase?: boolean; stripAccents?: boolean } = {}): string {
  let out = text.replace(/[\u2019\u02bc\u2018]/g, "'");
  if (options.lowercase ?? true) out = out.toLowerCase();
  if (options.stripAccents) out = stripAccents(out);
  return out;
}

const TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*)|(\p{N}+(?:[.,]\p{N}+)*)|([^\s\p{L}\p{M}\p{N}])/gu;

/**
 * Splits text into tokens.
 * @example
 * tokenize("Le machine learning est un apprentissage par minimisation de l'erreur !", { punctuation: true });
 * // ["le", "machine", "learning", "est", "un", "apprentissage", "par", "minimisation", "de", "l'", "erreur", "!"]
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  if (typeof text !== "string") throw new Error(`tokenize: expected a string, got ${text === null ? "null" : typeof text}`);
  const language = checkLanguage("tokenize", options.language ?? "fr");
  const { punctuation = false, numbers = true, elisions = "split" } = options;
  if (!["split", "expand", "drop"].includes(elisions)) throw new Error(`tokenize: elisions must be "split", "expand" or "drop", got ${JSON.stringify(elisions)}`);
  const lowercase = options.lowercase ?? true;
  const source = normalize(text, { lowercase: false, stripAccents: options.stripAccents });
  const tokens: string[] = [];
  const push = (t: string) => tokens.push(lowercase ? t.toLowerCase() : t);
  for (const m of source.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      let word = m[1];
      if (language === "fr") {
        // Peel elided prefixes: "qu'il", "l'erreur", "jusqu'à", also chained ("qu'l'..." is not French but harmless).
        for (let apostrophe = word.indexOf("'"); apostrophe > 0; apostrophe = word.indexOf("'")) {
          const prefix = word.slice(0, apostrophe);
          const full = FRENCH_ELISIONS[prefix.toLowerCase()];
          if (full === undefined) break;
          if (elisions === "split") push(prefix + "'");
          else if (elisions === "expand") push(prefix === prefix.toUpperCase() && prefix.length === full.length ? full.toUpperCase() : prefix[0] === prefix[0].toUpperCase() ? full[0].toUpperCase() + full.slice(1) : full);
          word = word.slice(apostrophe + 1);
        }
      }
      push(word);
    } else if (m[2] !== undefined) {
      if (numbers) push(m[2]);
    } else if (punctuation && m[3] !== "'") {
      push(m[3]);
    }
  }
  return tokens;
}

/**
 * Contiguous n-grams joined by a space (scikit-learn's word n-grams), for every n in [min, max].
 * @example
 * ngrams(["le", "thé", "est", "chaud"], 2); // ["le thé", "thé est", "est chaud"]
 * ngrams(["a", "b", "c"], [1, 2]); // ["a", "b", "c", "a b", "b c"]
 */
export function ngrams(tokens: string[], n: number | [number, number]): string[] {
  const [lo, hi] = typeof n === "number" ? [n, n] : n;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) throw new Error(`ngrams: need integers 1 ≤ min ≤ max, got [${lo}, ${hi}]`);
  const out: string[] = [];
  for (let size = lo; size <= hi; size++) {
    for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(" "));
  }
  return out;
}

let stopwordLists: Record<string, string[]> | undefined;
const stopwordSets = new Map<Language, Set<string>>();

/**
 * The stop-word list of a language, from the maintained npm list `stopwords-iso`.
 * @example
 * stopWords("fr").has("le"); // true
 */
export function stopWords(language: Language): Set<string> {
  const lang = checkLanguage("stopWords", language);
  let set = stopwordSets.get(lang);
  if (!set) {
    stopwordLists ??= requireHere("stopwords-iso") as Record<string, string[]>;
    set = new Set(stopwordLists[lang].map((w) => w.replace(/[\u2019]/g, "'")));
    stopwordSets.set(lang, set);
  }
  return set;
}

/**
 * Drops stop words (and, in French, elided articles such as "l'" and single letters).
 * @example
 * removeStopWords(["le", "machine", "learning", "est", "un", "apprentissage"], "fr"); // ["machine", "learning", "apprentissage"]
 */
export function removeStopWords(tokens: string[], language: Language, extra: Iterable<string> = []): string[] {
  const set = stopWords(language);
  const more = new Set(extra);
  return tokens.filter((t) => {
    const lower = t.toLowerCase();
    const bare = lower.endsWith("'") ? lower.slice(0, -1) : lower;
    return !set.has(lower) && !set.has(bare) && !more.has(lower);
  });
}

type Stemmer = { stem(word: string): string };
// Words repeat a lot in a corpus: each stemmer keeps a bounded memo of its answers.
const stemmers = new Map<Language, (word: string) => string>();

/**
 * Snowball stemming (npm `snowball-stemmers`), French or English.
 * @example
 * stem(["grand", "grande", "grands"], "fr"); // ["grand", "grand", "grand"]
 */
export function stem(tokens: string[], language: Language): string[] {
  const lang = checkLanguage("stem", language);
  let cached = stemmers.get(lang);
  if (!cached) {
    const snowball = requireHere("snowball-stemmers") as { newStemmer(name: string): Stemmer };
    const stemmer = snowball.newStemmer(LANGUAGES[lang].stemmer);
    const memo = new Map<string, string>();
    cached = (word: string) => {
      let s = memo.get(word);
      if (s === undefined) {
        s = stemmer.stem(word);
        if (memo.size > 200_000) memo.clear();
        memo.set(word, s);
      }
      return s;
    };
    stemmers.set(lang, cached);
  }
  const run = cached;
  return tokens.map(run);
}

export interface PreprocessOptions extends TokenizeOptions {
  /** Remove stop words (default true); an array adds words to the language's list. */
  stopWords?: boolean | string[];
  /** Snowball stemming (default false). */
  stem?: boolean;
}

/**
 * The course's pipeline: tokenisation → normalisation → stop words → stemming.
 * @example
 * preprocess("Le machine learning est un apprentissage par minimisation de l'erreur !");
 * // ["machine", "learning", "apprentissage", "minimisation", "erreur"]
 */
export function preprocess(text: string, options: PreprocessOptions = {}): string[] {
  const language = checkLanguage("preprocess", options.language ?? "fr");
  let tokens = tokenize(text, { ...options, language });
  const sw = options.stopWords ?? true;
  if (sw !== false) tokens = removeStopWords(tokens, language, Array.isArray(sw) ? sw : []);
  if (options.stem) tokens = stem(tokens, language);
  return tokens;
}
