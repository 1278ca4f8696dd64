// axone.audio: signals, WAV files, FFT, STFT, spectrograms, mel filter banks and MFCCs.
// Everything works on plain arrays / typed arrays (numpy/scipy/librosa conventions, stated per
// function); ./tensor adds the tensor-facing versions.

export * from "./fft";
export * from "./signals";
export * from "./wav";
export * from "./spectral";
export * from "./mel";
export * from "./speech";
export * from "./tensor";
