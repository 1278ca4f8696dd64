// Entry of Axone's JupyterLab: builds the service manager from its plugins,
// then the lab with the extensions of ./extensions.js and the mime renderers
// (JupyterLab's and Axone's), and starts it. Prebuilt (federated) extensions
// listed in the page config are not loaded: this bundle has no module-federation
// share scope, and bundles Axone's renderers itself (see app/README.md).
import { PageConfig } from "@jupyterlab/coreutils";
import { PluginRegistry } from "@lumino/coreutils";
// The CSS of every bundled package, listed by the build (Build.ensureAssets).
import "axone-lab-style";
import { extensionModules, ignoredPlugins, mimeExtensionModules, serviceModules } from "./extensions.js";

/** A module's plugins: its default export, one plugin or a list. */
function pluginsOf(module) {
  const exported = module.default ?? module;
  return Array.isArray(exported) ? exported : [exported];
}

/** Plugins left out by the page config (`disabledExtensions`) or by Axone. */
function isDisabled(id) {
  const disabled = PageConfig.Extension.isDisabled(id);
  return disabled || ignoredPlugins.includes(id);
}

async function main() {
  const { JupyterLab } = await import("@jupyterlab/application");
  const { IServiceManager } = await import("@jupyterlab/services");

  const [services, extensions, mimeExtensions] = await Promise.all([
    Promise.all(serviceModules.map((load) => load())),
    Promise.all(extensionModules.map((load) => load())),
    Promise.all(mimeExtensionModules.map((load) => load())),
  ]);

  const availablePlugins = [];
  const keep = (plugins, extension) =>
    plugins.filter((plugin) => {
      const enabled = !isDisabled(plugin.id);
      availablePlugins.push({
        id: plugin.id,
        description: plugin.description ?? "",
        requires: (plugin.requires ?? []).map((token) => token.name),
        optional: (plugin.optional ?? []).map((token) => token.name),
        provides: plugin.provides?.name ?? null,
        autoStart: plugin.autoStart,
        enabled,
        extension,
      });
      return enabled;
    });

  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(services.flatMap((module) => keep(pluginsOf(module), "@jupyterlab/services-extension")));
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);

  const lab = new JupyterLab({
    pluginRegistry,
    serviceManager,
    // JupyterLab reads these as ES modules (it checks `__esModule`).
    mimeExtensions: mimeExtensions.map((module) => ({ __esModule: true, default: pluginsOf(module) })),
    availablePlugins,
  });
  lab.registerPlugins(extensions.flatMap((module) => keep(pluginsOf(module), "")));
  await lab.start({ ignorePlugins: ignoredPlugins, bubblingKeydown: true });
  await lab.restored;
  // Tests and the start script wait for this flag.
  document.body.dataset.axoneLabReady = "true";
  window.jupyterapp = lab;
}

window.addEventListener("load", () => {
  main().catch((error) => {
    console.error("Axone lab failed to start:", error);
    const message = document.createElement("pre");
    message.textContent = `JupyterLab failed to start: ${error?.stack ?? error}`;
    document.body.appendChild(message);
  });
});
