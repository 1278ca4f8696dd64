// axone.text: tokenisation, normalisation, stop words, stemming, n-grams, vocabularies,
// bag of words (CSR sparse), TF-IDF (the course's formulas and scikit-learn's options).

export * from "./tokenize";
export * from "./sparse";
export * from "./vectorize";
export * from "./spam";
export * from "./word2vec";
