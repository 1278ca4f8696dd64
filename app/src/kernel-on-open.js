// Running cells of a notebook that is still opening waits for its kernel instead of asking for one.
//
// Why: JupyterLab's cell executor treats "no kernel yet" as "no kernel": a Run All (or Shift-Enter)
// issued while a just-opened notebook is still being read, or while its kernel is starting, calls
// sessionContext.startKernel() before the notebook's metadata has set the kernel preference, finds
// no kernel name and shows the "Select Kernel" dialog (or starts a second kernel that the first one
// then pre-empts). Seen when a second notebook is opened and run at once in one lab session.
//
// How: a plugin records, for each notebook's session context, when the document's own first
// initialize() (called once the file is read, with the kernelspec from its metadata) has settled;
// the cell executor below waits for that before running a code cell of a notebook with no kernel
// yet (a run asked for before the file was even read had only a placeholder cell: it is dropped).
// A notebook that really has no kernel still gets JupyterLab's own choice dialog.
import { INotebookCellExecutor, INotebookWidgetFactory, runCell } from "@jupyterlab/notebook";

/** session context → settles when the document's first kernel decision is made */
const kernelDecisions = new WeakMap();

/** Records when `sessionContext.initialize()` (first call, by the document context) settles. */
export function watchKernelDecision(sessionContext) {
  if (kernelDecisions.has(sessionContext) || sessionContext.isReady) return;
  let settle;
  const decided = new Promise((resolve) => (settle = resolve));
  const initialize = sessionContext.initialize;
  // Wrapped on this instance only: the document context calls it once the file is read; later
  // calls return the same promise (SessionContext keeps one initialisation).
  sessionContext.initialize = function (...args) {
    const result = initialize.apply(this, args);
    result.then(settle, settle);
    return result;
  };
  sessionContext.disposed.connect(() => settle());
  kernelDecisions.set(sessionContext, decided);
}

/** runCell, after the kernel of a notebook that is still opening has been started or refused. */
export async function runCellOnceKernelDecided(options) {
  const { sessionContext, cell } = options;
  const decided = sessionContext && kernelDecisions.get(sessionContext);
  if (decided && cell.model.type === "code" && !sessionContext.isReady && sessionContext.hasNoKernel) {
    await decided;
    // Asked before the file was read: the cell was a placeholder, replaced by the notebook's own
    // cells since. Nothing to run (the notebook is shown now, with its kernel).
    if (cell.isDisposed || !cell.model) return true;
  }
  return runCell(options);
}

const executor = {
  id: "axone-lab:cell-executor",
  description: "Runs notebook cells; a notebook still opening waits for its kernel instead of showing Select Kernel.",
  autoStart: true,
  provides: INotebookCellExecutor,
  activate: () => Object.freeze({ runCell: runCellOnceKernelDecided }),
};

const watcher = {
  id: "axone-lab:kernel-on-open",
  description: "Notes when each opened notebook's kernel has been started, for the cell executor.",
  autoStart: true,
  requires: [INotebookWidgetFactory],
  // widgetCreated fires as the panel is made, before its file is read and its kernel chosen.
  activate: (app, factory) => {
    factory.widgetCreated.connect((_, panel) => watchKernelDecision(panel.sessionContext));
  },
};

export default [executor, watcher];
