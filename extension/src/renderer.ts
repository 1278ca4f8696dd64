// The widget JupyterLab creates for an application/vnd.axone.v1+json output: checks the payload
// and hands it to the renderer of its kind. Any problem becomes a readable message in the output.
import { Widget } from "@lumino/widgets";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { AXONE_MIME, checkPayload, PayloadError, type Kind, type Payload } from "./decode";
import { el } from "./draw";
import { renderAttention } from "./renderers/attention";
import { renderCurves } from "./renderers/curves";
import { renderFeatureMaps } from "./renderers/featuremaps";
import { renderFilters } from "./renderers/filters";
import { renderHeatmap } from "./renderers/heatmap";
import { renderImage } from "./renderers/image";
import { renderSpectrogram } from "./renderers/spectrogram";
import { renderSummary } from "./renderers/summary";

/** One renderer per payload kind (see renderers/). */
export const RENDERERS: Record<Kind, (host: HTMLElement, payload: Payload) => void> = {
  featuremaps: renderFeatureMaps,
  filters: renderFilters,
  heatmap: renderHeatmap,
  spectrogram: renderSpectrogram,
  attention: renderAttention,
  curves: renderCurves,
  summary: renderSummary,
  image: renderImage,
};

export class AxoneRenderer extends Widget implements IRenderMime.IRenderer {
  private kind: Kind | null = null;
  private model: IRenderMime.IMimeModel | null = null;
  /** Redraws when JupyterLab switches theme (canvas colours come from its CSS variables). */
  private readonly themeWatch = new MutationObserver(() => {
    if (this.model && this.kind !== "summary") {
      this.kind = null;
      void this.renderModel(this.model);
    }
  });

  constructor() {
    super();
    this.addClass("axone-output");
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });
  }

  override dispose(): void {
    this.themeWatch.disconnect();
    super.dispose();
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.model = model;
    try {
      const payload = checkPayload(model.data[AXONE_MIME]);
      // Curves update in place: keep their canvas across update_display_data.
      if (!(payload.kind === "curves" && this.kind === "curves")) this.node.replaceChildren();
      this.kind = payload.kind;
      this.node.dataset.kind = payload.kind;
      // A tensor or module left as a cell's value: its values (the text) stay visible above the picture.
      const text = model.data["text/plain"];
      if (payload.showText === true && typeof text === "string") this.node.append(el("pre", "axone-text", text));
      RENDERERS[payload.kind](this.node, payload);
    } catch (error) {
      this.kind = null;
      const reason = error instanceof PayloadError ? error.message : `${(error as Error)?.message ?? String(error)}`;
      this.node.replaceChildren(el("div", "axone-error", `Axone: cannot draw this output: ${reason}`));
      const fallback = model.data["text/plain"];
      if (typeof fallback === "string") this.node.append(el("pre", "axone-fallback", fallback));
    }
  }
}
