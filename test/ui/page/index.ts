// A minimal notebook-like page for the real-browser tests: @jupyterlab/services talks to a real
// jupyter_server and kernel, @jupyterlab/rendermime + @jupyterlab/outputarea show the outputs with
// the standard renderers plus Axone's extension (its default export, as JupyterLab loads it).
import { KernelManager, ServerConnection, type Kernel } from "@jupyterlab/services";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { Widget } from "@lumino/widgets";
import axoneExtensions from "../../../extension/src/index";
import "@jupyterlab/theme-light-extension/style/variables.css";
import "@jupyterlab/rendermime/style/index.css";
import "@jupyterlab/outputarea/style/index.css";

const params = new URLSearchParams(location.search);
const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
for (const ext of axoneExtensions) rendermime.addFactory(ext.rendererFactory, ext.rank);
const container = document.getElementById("cells") as HTMLElement;
let kernel: Kernel.IKernelConnection | null = null;
let cellCount = 0;

function newArea(label: string): OutputArea {
  const area = new OutputArea({ model: new OutputAreaModel({ trusted: false }), rendermime });
  area.node.dataset.cell = String(cellCount++);
  area.node.dataset.label = label;
  area.addClass("test-cell");
  Widget.attach(area, container);
  return area;
}

async function start(): Promise<string> {
  const settings = ServerConnection.makeSettings({ baseUrl: `${location.origin}/`, token: params.get("token") ?? "", appendToken: true });
  const manager = new KernelManager({ serverSettings: settings });
  await manager.ready;
  kernel = await manager.startNew({ name: params.get("kernel") ?? "axone" });
  const info = await kernel.info;
  return info.implementation;
}

/** Runs one cell; resolves with the reply status once the kernel is idle again. */
async function run(code: string, label = ""): Promise<{ status: string; cell: number; error?: string }> {
  if (!kernel) throw new Error("kernel not started");
  const area = newArea(label);
  const future = kernel.requestExecute({ code, stop_on_error: true });
  area.future = future;
  const reply = await future.done;
  const content = reply.content as { status: string; ename?: string; evalue?: string };
  return { status: content.status, cell: Number(area.node.dataset.cell), error: content.ename ? `${content.ename}: ${content.evalue}` : undefined };
}

/** Shows a MIME bundle directly (no kernel): for malformed and hostile payloads. */
function show(data: Record<string, unknown>, label = ""): number {
  const area = newArea(label);
  area.model.add({ output_type: "display_data", data: data as never, metadata: {} });
  return Number(area.node.dataset.cell);
}

(window as unknown as { axoneUI: unknown }).axoneUI = { start, run, show, shutdown: () => kernel?.shutdown() };
document.body.dataset.ready = "true";
