// axone.nn: modules, layers, losses, initialisers, functional forms, save/load.
export { Module, type ForwardHook, type ForwardPreHook, type HookHandle } from "./module";
export { Sequential, ModuleList } from "./containers";
export {
  Linear, Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, Flatten, Unflatten,
  Dropout, BatchNorm1d, BatchNorm2d, LayerNorm, Embedding, ReLU, LeakyReLU, ELU, GELU, Tanh, Sigmoid, Softmax, LogSoftmax, Identity,
  type ConvOptions,
} from "./layers";
export { MSELoss, L1Loss, CrossEntropyLoss, NLLLoss, BCELoss, BCEWithLogitsLoss } from "./loss";
export { RNN, GRU, LSTM, type RNNOptions } from "./rnn";
export {
  MultiheadAttention, TransformerEncoderLayer, TransformerDecoderLayer, PositionalEncoding,
  generateSquareSubsequentMask, sinusoidalPositionalEncoding, type AttentionOptions, type TransformerLayerOptions,
} from "./attention";
export * as init from "./init";
export * as functional from "./functional";
export { summary, type SummaryResult, type SummaryRow, type SummaryPayload } from "./summary";
export { save, load, serialize, deserialize } from "./serialization";
export { encodeSafetensors, decodeSafetensors, type RawTensor } from "./safetensors";
export { fit, evaluate, accuracy, clipGradNorm, clipGradValue, type FitOptions, type EpochMetrics } from "./training";
