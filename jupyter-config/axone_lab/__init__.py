"""Axone's JupyterLab server: Debian's jupyter_server 1.23 + jupyterlab_server 2.16
serving the JupyterLab 4 front end built under app/build/.

Run as ``/usr/bin/python3 -m axone_lab`` with ``jupyter-config`` on PYTHONPATH
(scripts/lab-server.mjs does this)."""


def _jupyter_server_extension_points():
    from .app import AxoneLabApp

    return [{"module": "axone_lab.app", "app": AxoneLabApp}]
