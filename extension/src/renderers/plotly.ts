// application/vnd.plotly.v1+json: a plotly.js figure ({data, layout}); plotly.js is loaded on first use.
import { Widget } from "@lumino/widgets";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { PLOTLY_MIME } from "../decode";
import { el } from "../draw";

type PlotlyModule = { react(node: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>; purge(node: HTMLElement): void };
let plotly: Promise<PlotlyModule> | null = null;

export class PlotlyRenderer extends Widget implements IRenderMime.IRenderer {
  private plotNode: HTMLElement | null = null;

  constructor() {
    super();
    this.addClass("axone-output");
    this.addClass("axone-plotly");
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const figure = model.data[PLOTLY_MIME] as { data?: unknown; layout?: unknown } | undefined;
    if (!figure || typeof figure !== "object" || !Array.isArray(figure.data)) {
      this.node.replaceChildren(el("div", "axone-error", "Axone: cannot draw this plotly output: expected {data: [...], layout: {...}}"));
      this.plotNode = null;
      return;
    }
    try {
      plotly ??= import("plotly.js-dist-min").then((m) => ((m as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule)));
      const P = await plotly;
      if (!this.plotNode) {
        this.node.replaceChildren();
        this.plotNode = el("div", "axone-plotly-figure");
        this.node.append(this.plotNode);
      }
      const dark = document.body.dataset.jpThemeLight === "false";
      const layout = { ...(dark ? { template: { layout: { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: "#e0e0e0" } } } } : {}), ...(figure.layout as object) };
      await P.react(this.plotNode, figure.data as unknown[], layout, { responsive: true, displaylogo: false });
    } catch (error) {
      this.node.replaceChildren(el("div", "axone-error", `Axone: plotly could not draw this figure: ${(error as Error).message}`));
      this.plotNode = null;
    }
  }
}
