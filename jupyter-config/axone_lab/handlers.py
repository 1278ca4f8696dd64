"""REST endpoints a JupyterLab 4 front end calls that jupyter_server 1.23 lacks.

- ``GET /api/me``: the identity and permissions of the current user
  (jupyter_server 2 added it; JupyterLab's user manager polls it).
- ``POST /api/events``: emit an event (accepted and logged; nothing listens).
- ``/api/events/subscribe``: the event stream websocket; it stays open and idle,
  since this server emits no events.
"""
import json
import re

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from tornado import web
from tornado.websocket import WebSocketHandler

# JupyterLab draws the user's avatar with these.
_COLOR = "var(--jp-collaborator-color1)"


def _identity(user):
    """The user model of jupyter_server 2's identity API, from a 1.x current user."""
    name = user if isinstance(user, str) else getattr(user, "username", None) or "anonymous"
    if name in ("", "anonymous") or re.fullmatch(r"[0-9a-f]{32}", name):
        # jupyter_server 1.x names token users with a random hex id; show something readable.
        name = "student"
    return {
        "username": name,
        "name": name,
        "display_name": name.capitalize(),
        "initials": name[:1].upper(),
        "avatar_url": None,
        "color": _COLOR,
    }


class IdentityHandler(APIHandler):
    @web.authenticated
    def get(self):
        # Every permission asked for is granted: a single-user local server.
        permissions = {}
        requested = self.get_argument("permissions", "")
        if requested:
            try:
                asked = json.loads(requested)
            except ValueError:
                raise web.HTTPError(400, "permissions should be a JSON object of {resource: [actions]}")
            if not isinstance(asked, dict):
                raise web.HTTPError(400, "permissions should be a JSON object of {resource: [actions]}")
            permissions = {resource: list(actions) for resource, actions in asked.items()}
        self.finish(json.dumps({"identity": _identity(self.current_user), "permissions": permissions}))


class EventsHandler(APIHandler):
    @web.authenticated
    def post(self):
        try:
            event = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "the event should be a JSON object")
        if not isinstance(event, dict) or "schema_id" not in event:
            raise web.HTTPError(400, "an event needs a schema_id, a version and data")
        self.log.debug("front-end event %s", event.get("schema_id"))
        self.set_status(204)
        self.finish()


class EventsSubscribeHandler(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """Accepts the subscription and sends nothing (no server events here)."""

    def set_default_headers(self):
        # JupyterHandler's HTTP headers make no sense on a websocket upgrade.
        pass

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


def handlers():
    return [
        (r"/api/me/?", IdentityHandler),
        (r"/api/events/?", EventsHandler),
        (r"/api/events/subscribe/?", EventsSubscribeHandler),
    ]
