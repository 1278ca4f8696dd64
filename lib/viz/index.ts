// lib/viz: builders of inline pictures for notebooks. Each returns an object the kernel displays
// through Symbol.for("Jupyter.display"): the application/vnd.axone.v1+json payload (drawn by the
// Axone JupyterLab extension) with image/png, text/html and text/plain fallbacks.

export { featureMaps, filters, heatmap, spectrogram, attention, image, summary } from "./builders";
export type { FeatureMapsOptions, FiltersOptions, HeatmapOptions, SpectrogramOptions, AttentionOptions, ImageOptions } from "./builders";
export { curves, LiveCurves, SERIES_COLORS } from "./curves";
export type { CurvesOptions, DisplayFunction } from "./curves";
export { plot, PlotFigure } from "./plot";
export { tensorPreview, modulePreview, PREVIEW_LIMITS } from "./preview";
export type { PlotTrace } from "./plot";
export { VizFigure, escapeHtml } from "./figure";
export { Raster, colorLut } from "./raster";
export { LIMITS, encodeArray, decodeArray, float32ToBase64, base64ToFloat32 } from "./encode";
export * from "./types";
