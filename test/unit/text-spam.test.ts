import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as text from "../../lib/text";

const ref = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/text/tfidf.json", import.meta.url)), "utf8"));

describe("text spam / not-spam", () => {
  it("MultinomialNB equals scikit-learn's", () => {
    const nbRef = ref.naiveBayes;
    const cv = new text.CountVectorizer({ tokenizer: "sklearn" });
    const nb = new text.MultinomialNB({ alpha: nbRef.alpha }).fit(cv.fitTransform(ref.corpus), nbRef.labels);
    Array.from(nb.classLogPrior!).forEach((v, i) => expect(v).toBeCloseTo(nbRef.classLogPrior[i], 10));
    const flat = nbRef.featureLogProb.flat();
    Array.from(nb.featureLogProb!).forEach((v, i) => expect(Math.abs(v - flat[i])).toBeLessThan(1e-4 * Math.abs(flat[i])));
    const probe = cv.transform(nbRef.probe);
    expect(nb.predict(probe)).toEqual(nbRef.predict);
    const p = nb.predictProba(probe);
    nbRef.predictProba.flat().forEach((v: number, i: number) => expect(Math.abs(p[i] - v)).toBeLessThan(1e-4 * v + 1e-12));
  });

  it("reduces a mail to subject and plain body", () => {
    const mail = "From: x@y\nSubject: Cheap pills\nContent-Transfer-Encoding: quoted-printable\n\n<html><b>Caf=C3=A9</b> is =\ngreat&nbsp;today</html>";
    expect(text.emailToText(mail)).toBe("Cheap pills Café is great today");
  });

  it("classifies a sample of SpamAssassin mails with accuracy ≥ 0.9", () => {
    const { texts, labels } = text.loadSpamAssassin({ limit: 1200, seed: 5 });
    expect(labels.filter((l) => l === 1).length).toBeGreaterThan(200);
    const { train, test } = text.stratifiedSplit(labels, 0.25, 1);
    const vec = new text.TfidfVectorizer({ tokenizer: "sklearn", minDf: 2, maxDf: 0.9, sublinearTf: true });
    const Xtrain = vec.fitTransform(train.map((i) => texts[i]));
    const nb = new text.MultinomialNB({ alpha: 0.1 }).fit(Xtrain, train.map((i) => labels[i]));
    const acc = text.accuracy(nb.predict(vec.transform(test.map((i) => texts[i]))), test.map((i) => labels[i]));
    const majority = 1 - labels.reduce((s, l) => s + l, 0) / labels.length;
    console.log(`spam sample: accuracy ${acc.toFixed(3)} (majority-class baseline ${majority.toFixed(3)}), ${Xtrain.shape[1]} terms`);
    expect(acc).toBeGreaterThanOrEqual(0.9);
    expect(acc).toBeGreaterThan(majority + 0.1);
  });

  it("explains bad requests", () => {
    expect(() => text.loadSpamAssassin({ groups: ["ham" as "spam-1"] })).toThrow(/unknown group "ham"/);
    expect(() => text.accuracy([1], [])).toThrow(/1 predictions but 0 labels/);
    expect(() => new text.MultinomialNB().predict(text.CsrMatrix.fromRows([], 3))).toThrow(/call fit\(X, y\) first/);
  });
});
