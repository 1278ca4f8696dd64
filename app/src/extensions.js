// The JupyterLab extensions bundled into Axone's lab, in the order JupyterLab
// itself lists them. Each entry is a module whose default export is a plugin or
// a list of plugins. Adding one here also needs the package in the root
// package.json (pinned to the 4.6.3 release set by its `overrides`).
//
// Left out on purpose: the announcements plugin (it polls /lab/api/news, which
// the Debian jupyterlab_server does not serve), the extension manager (no PyPI),
// the terminal (no terminado in Debian's server set-up), the debugger (the
// Axone kernel does not speak the debug protocol).

export const extensionModules = [
  () => import("@jupyterlab/application-extension"),
  () => import("@jupyterlab/apputils-extension"),
  () => import("@jupyterlab/cell-toolbar-extension"),
  () => import("@jupyterlab/celltags-extension"),
  () => import("@jupyterlab/codemirror-extension"),
  () => import("@jupyterlab/completer-extension"),
  () => import("@jupyterlab/console-extension"),
  () => import("@jupyterlab/docmanager-extension"),
  () => import("@jupyterlab/documentsearch-extension"),
  () => import("@jupyterlab/filebrowser-extension"),
  () => import("@jupyterlab/fileeditor-extension"),
  () => import("@jupyterlab/help-extension"),
  () => import("@jupyterlab/imageviewer-extension"),
  () => import("@jupyterlab/inspector-extension"),
  () => import("@jupyterlab/launcher-extension"),
  () => import("@jupyterlab/mainmenu-extension"),
  () => import("@jupyterlab/markdownviewer-extension"),
  () => import("@jupyterlab/markedparser-extension"),
  () => import("@jupyterlab/mathjax-extension"),
  () => import("@jupyterlab/metadataform-extension"),
  () => import("@jupyterlab/notebook-extension"),
  () => import("@jupyterlab/rendermime-extension"),
  () => import("@jupyterlab/running-extension"),
  () => import("@jupyterlab/settingeditor-extension"),
  () => import("@jupyterlab/shortcuts-extension"),
  () => import("@jupyterlab/statusbar-extension"),
  () => import("@jupyterlab/theme-dark-extension"),
  () => import("@jupyterlab/theme-light-extension"),
  () => import("@jupyterlab/toc-extension"),
  () => import("@jupyterlab/tooltip-extension"),
  () => import("@jupyterlab/translation-extension"),
  () => import("@jupyterlab/ui-components-extension"),
  // Axone's cell executor (replaces notebook-extension:cell-executor, see ignoredPlugins).
  () => import("./kernel-on-open.js"),
];

// Builds the service manager; registered before the rest (JupyterLab >= 4.4).
export const serviceModules = [() => import("@jupyterlab/services-extension")];

// Mime renderers: JupyterLab's own, then Axone's (resolved at build time to
// extension/src, see app/rspack.config.mjs).
export const mimeExtensionModules = [
  () => import("@jupyterlab/javascript-extension"),
  () => import("@jupyterlab/json-extension"),
  () => import("axone-mime-extension"),
];

// Plugins never activated, whatever the page config says.
// The language-server plugins need a language server proxy (jupyter-lsp) that
// this server does not have; completion and tooltips come from the kernel.
export const ignoredPlugins = [
  "@jupyterlab/apputils-extension:announcements",
  "@jupyterlab/fileeditor-extension:language-server",
  "@jupyterlab/notebook-extension:language-server",
  // Replaced by ./kernel-on-open.js: a notebook still opening waits for its kernel when run.
  "@jupyterlab/notebook-extension:cell-executor",
];

