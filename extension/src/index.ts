// Axone's JupyterLab 4 mime-renderer extension: inline pictures (application/vnd.axone.v1+json,
// one renderer per kind under renderers/) and plotly figures (application/vnd.plotly.v1+json).
// Default export: the IRenderMime.IExtension array (prebuilt labextension, or bundled by app/).
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { AXONE_MIME, PLOTLY_MIME } from "./decode";
import { AxoneRenderer } from "./renderer";
import { PlotlyRenderer } from "./renderers/plotly";
import "../style/index.css";

export { AXONE_MIME, PLOTLY_MIME, checkPayload, decodeArray, PayloadError, SUPPORTED_VERSION } from "./decode";
export { AxoneRenderer, RENDERERS } from "./renderer";
export { PlotlyRenderer } from "./renderers/plotly";

/** Draws Axone payloads; safe (no HTML, no script), so it also renders untrusted notebooks. */
export const axoneRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [AXONE_MIME],
  defaultRank: 0,
  createRenderer: () => new AxoneRenderer(),
};

export const plotlyRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [PLOTLY_MIME],
  defaultRank: 0,
  createRenderer: () => new PlotlyRenderer(),
};

const extensions: IRenderMime.IExtension[] = [
  { id: "axone-jupyterlab:viz", rendererFactory: axoneRendererFactory, rank: 0, dataType: "json" },
  { id: "axone-jupyterlab:plotly", rendererFactory: plotlyRendererFactory, rank: 0, dataType: "json" },
];

export default extensions;
