"""Endpoints the web calls by convention, from outside any repository: the site root a browser
opens, the files browsers and crawlers fetch by name (``/favicon.ico``, ``/robots.txt``,
``/sitemap.xml``, ``/manifest.json``), and RFC 8615 ``/.well-known/*`` documents (agent or
OpenID discovery, ``security.txt``, app links). No client in the repository calls them, and
that silence says nothing: they are live. A path that names a webhook, a callback or an event
feed is called by another service: such an endpoint is never certain-dead."""

from __future__ import annotations

from deadcode.idioms.base import Idiom

CONVENTIONAL = (
    ("GET /", "the site root: a browser opens it"),
    ("GET /favicon.ico", "browsers fetch it by name"),
    ("GET /robots.txt", "crawlers fetch it by name"),
    ("GET /sitemap.xml", "crawlers fetch it by name"),
    ("GET /manifest.json", "browsers fetch the web app manifest by name"),
    ("* /.well-known/**", "RFC 8615 well-known URI: fetched by a standard's clients"),
)


# a path segment that says another service calls it: webhooks, callbacks, OAuth redirects
# (also a provider's own: /github-auth?code=...), event subscriptions (Slack's /slack/on-event),
# payment notifications
EXTERNAL_SEGMENT = (
    r"(^|/)(([\w-]*[_-])?(webhooks?|hooks?|callbacks?|oauth2?|on[_-]?events?|events?|"
    r"interactions?|ipn|notify|notifications?|sso|saml|oidc)|[\w-]*[a-z0-9][_-]auth)([_-][\w-]*)?(/|$)"
)
EXTERNAL_WHY = (
    "its path names a webhook, callback or event feed: a service outside the repository may call it"
)


class WebConventions(Idiom):
    name = "web-conventions"
    summary = (
        "endpoints the web calls by convention: `GET /`, `/favicon.ico`, `/robots.txt`, `/sitemap.xml`, "
        "`/manifest.json` and `/.well-known/*` are live; a path naming a webhook, callback, OAuth redirect (`/github-auth`) or event feed is "
        "`unsure`"
    )
    enabled_when = "always"

    def public_endpoints(self, project):
        return CONVENTIONAL

    def endpoint_doubts(self, project):
        return ((EXTERNAL_SEGMENT, EXTERNAL_WHY),)


IDIOM = WebConventions()
