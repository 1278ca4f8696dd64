import { describe, expect, it } from "vitest";
import * as text from "../../lib/text";

const COURSE = "Le machine learning est un apprentissage par minimisation de l'erreur !";

describe("text tokenisation and normalisation", () => {
  it("tokenises the course sentence with punctuation and the elision split off", () => {
    expect(text.tokenize(COURSE, { punctuation: true, lowercase: false })).toEqual(
      ["Le", "machine", "learning", "est", "un", "apprentissage", "par", "minimisation", "de", "l'", "erreur", "!"]);
  });

  it("normalises as the course does: lowercase, no punctuation, l' written out as le", () => {
    expect(text.tokenize(COURSE.replace("'", "\u2019"), { elisions: "expand" })).toEqual(
      ["le", "machine", "learning", "est", "un", "apprentissage", "par", "minimisation", "de", "le", "erreur"]);
  });

  it("removes French stop words as in the course", () => {
    expect(text.preprocess(COURSE)).toEqual(["machine", "learning", "apprentissage", "minimisation", "erreur"]);
  });

  it("stems grand / grande / grands to one stem (Snowball French)", () => {
    const s = "Julien est plus grand que toi, mais tu es plus grande que Sophie. Julien et Sophie sont plus grands que Marie.";
    const stems = text.preprocess(s, { stem: true });
    expect(stems.filter((w) => w.startsWith("grand"))).toEqual(["grand", "grand", "grand"]);
    expect(text.stem(["running", "cats"], "en")).toEqual(["run", "cat"]);
  });

  it("keeps inner apostrophes and hyphens, numbers, elided qu'/jusqu'", () => {
    expect(text.tokenize("Aujourd'hui, qu'il vienne jusqu'à 3,5 km : c'est-à-dire vite !", { punctuation: true })).toEqual(
      ["aujourd'hui", ",", "qu'", "il", "vienne", "jusqu'", "à", "3,5", "km", ":", "c'", "est-à-dire", "vite", "!"]);
    expect(text.tokenize("Don't stop", { language: "en" })).toEqual(["don't", "stop"]);
  });

  it("strips accents on request", () => {
    expect(text.tokenize("Élève à l'école", { stripAccents: true, elisions: "drop" })).toEqual(["eleve", "a", "ecole"]);
    expect(text.normalize("L\u2019Été", { stripAccents: true })).toBe("l'ete");
  });

  it("makes n-grams", () => {
    expect(text.ngrams(["le", "thé", "est", "chaud"], 2)).toEqual(["le thé", "thé est", "est chaud"]);
    expect(text.ngrams(["a", "b", "c"], [1, 2])).toEqual(["a", "b", "c", "a b", "b c"]);
    expect(() => text.ngrams(["a"], [2, 1])).toThrow(/1 ≤ min ≤ max/);
  });

  it("names the unknown language and the fix", () => {
    expect(() => text.stopWords("de" as "fr")).toThrow(/unknown language "de"; supported: "fr" \(French\), "en" \(English\)/);
    expect(() => text.stem(["x"], "french" as "fr")).toThrow(/use the ISO code "fr"/);
    expect(() => text.tokenize(42 as unknown as string)).toThrow(/expected a string, got number/);
  });
});
