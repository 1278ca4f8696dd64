"""The Axone lab: jupyterlab_server's LabServerApp pointed at the front end
built under app/build/, with its state kept inside the project (.axone/lab/)."""
import os
from pathlib import Path

from jupyter_core.paths import jupyter_path
from jupyterlab_server import LabServerApp
from traitlets import default

from .handlers import handlers as extra_handlers

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "app" / "build"
STATE = Path(os.environ.get("AXONE_LAB_STATE_DIR", ROOT / ".axone" / "lab"))

# The JupyterLab release the front end is built from (root package.json overrides).
JUPYTERLAB_VERSION = "4.6.3"


def _page_config_hook(handler, page_config):
    """jupyterlab_server 2.16 keeps one page-config dict for every request and its
    not-found handler writes ``notFoundUrl`` into it, so after one unknown URL every
    later page would show "Path Not Found". Give each request its own copy instead."""
    page_config = dict(page_config)
    page_config.pop("notFoundUrl", None)
    return page_config


class AxoneLabApp(LabServerApp):
    name = "axone_lab"
    app_name = "Axone"
    app_namespace = "axone"
    app_version = JUPYTERLAB_VERSION
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False

    @default("app_settings_dir")
    def _default_app_settings_dir(self):
        return str(BUILD / "settings")

    @default("schemas_dir")
    def _default_schemas_dir(self):
        return str(BUILD / "schemas")

    @default("themes_dir")
    def _default_themes_dir(self):
        return str(BUILD / "themes")

    @default("static_dir")
    def _default_static_dir(self):
        return str(BUILD / "static")

    @default("templates_dir")
    def _default_templates_dir(self):
        return str(BUILD / "templates")

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return str(STATE / "user-settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return str(STATE / "workspaces")

    @default("labextensions_path")
    def _default_labextensions_path(self):
        # Jupyter's usual search path, so the page config lists the prebuilt labextensions found
        # there (axone-jupyterlab among them, installed by scripts/build/50-extension.mjs). The
        # front end does not load them: it is one rspack bundle without a module-federation share
        # scope, and bundles Axone's renderers itself (app/src/extensions.js); see app/README.md.
        return jupyter_path("labextensions")

    def initialize_settings(self):
        super().initialize_settings()
        missing = [d for d in (self.static_dir, self.templates_dir, self.schemas_dir) if not Path(d).is_dir()]
        if missing:
            raise SystemExit(f"The JupyterLab front end is not built ({', '.join(missing)} missing): run `npm run build`.")
        for folder in (self.user_settings_dir, self.workspaces_dir):
            Path(folder).mkdir(parents=True, exist_ok=True)
        page_config = self.settings.setdefault("page_config_data", {})
        page_config.update(
            {
                "appName": self.app_name,
                "appNamespace": self.app_namespace,
                "appVersion": self.app_version,
                "buildAvailable": False,
                "buildCheck": False,
                "devMode": False,
                "exposeAppInBrowser": False,
                "quitButton": True,
                "terminalsAvailable": False,
                # The page is only served to an authenticated browser; the front end
                # uses the token for its websockets.
                "token": self.serverapp.token,
            }
        )
        self.settings["page_config_hook"] = _page_config_hook

    def initialize_handlers(self):
        super().initialize_handlers()
        # The lab's fall-through handler matches /lab/.*; ours are under /api/.
        self.handlers[:0] = extra_handlers()


def main(argv=None):
    AxoneLabApp.launch_instance(argv)
