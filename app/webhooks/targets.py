"""Where webhooks may go: public http(s) addresses, unless the deployment allows its own
network (WEBHOOK_ALLOW_PRIVATE_NETWORKS, for an ATS inside the same network).

An address is checked when a subscription is made and again before every delivery (a
name can be pointed elsewhere later), and redirects are never followed, so a webhook
cannot be aimed at the app's own surroundings: metadata services, databases, admin
ports on localhost.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit


class TargetRefused(ValueError):
    """The URL may not receive webhooks; the message says why."""


def check_target(url: str, allow_private: bool, *, must_resolve: bool = True) -> None:
    """Raise TargetRefused unless `url` is http(s) and every address its host resolves
    to is public. With `must_resolve` False a name that does not resolve (yet) passes."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket: "http://["
        raise TargetRefused("The URL must be an http(s) address.") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TargetRefused("The URL must be an http(s) address.")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        if must_resolve:
            raise TargetRefused(f"The host {parts.hostname} cannot be resolved.") from exc
        return
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global:
            raise TargetRefused(
                f"{parts.hostname} is a private or local address ({address}); webhooks go "
                "to public addresses only.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx answer counts as a failed delivery


opener = urllib.request.build_opener(_NoRedirects)
