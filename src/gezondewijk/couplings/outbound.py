"""Where the platform may send a webhook: only to addresses on the public internet.

An organisation chooses its receiver URL, so without a check any key with `webhooks:manage`
could make the server post to itself, to the database on the local network or to a cloud
metadata address (server-side request forgery). Three rules close that:

- a URL is http(s) with a host; an address written in it must be allowed;
- at every delivery the host is resolved, every address it resolves to must be allowed, and
  the connection goes to that checked address (a second lookup could answer differently);
- redirects are not followed: a 3xx is the receiver's answer, not a new destination.

"Allowed" is a global (public) address, or one inside GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS,
for a region whose own systems sit on a private network. urllib cannot pin an address, so
the connection classes below connect to the checked address while TLS and the Host header
keep the host name.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class DestinationRefused(ValueError):
    """The URL or the address it leads to may not receive webhooks."""


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allowed_networks() -> list[Network]:
    """The setting's networks (parsed at start-up; tests may give them as text)."""
    return [
        ipaddress.ip_network(n, strict=False)
        for n in getattr(settings, "GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS", [])
    ]


def address_allowed(address: Address, networks: list[Network]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address in network for network in networks):
        return True
    return address.is_global and not address.is_multicast


def _parts(url: str) -> tuple[str, str, int, str]:
    split = urlsplit(url)
    if split.scheme not in {"http", "https"} or not split.hostname:
        raise DestinationRefused(_("a webhook URL starts with https:// or http:// and a host"))
    try:
        port = split.port or (443 if split.scheme == "https" else 80)
    except ValueError as error:
        raise DestinationRefused(_("the port in the URL is not a number")) from error
    target = split.path or "/"
    if split.query:
        target += "?" + split.query
    return split.scheme, split.hostname, port, target


def url_check(url: str) -> None:
    """Refuse a URL that can never be allowed (checked again at every delivery)."""
    _scheme, host, _port, _target = _parts(url)
    try:
        written = ipaddress.ip_address(host)
    except ValueError:
        return  # a host name: resolved and checked when a delivery goes out
    if not address_allowed(written, allowed_networks()):
        raise DestinationRefused(
            _("%(address)s is not a public address; webhooks go to the internet only")
            % {"address": written}
        )


def resolve_allowed(host: str, port: int) -> str:
    """The address to connect to; refused when any address of `host` is not allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise DestinationRefused(
            _("%(host)s cannot be resolved: %(error)s") % {"host": host, "error": error}
        ) from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in found]
    networks = allowed_networks()
    refused = [a for a in addresses if not address_allowed(a, networks)]
    if refused or not addresses:
        raise DestinationRefused(
            _("%(host)s leads to %(address)s, which is not a public address")
            % {"host": host, "address": refused[0] if refused else "-"}
        )
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self) -> None:
        plain = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(plain, server_hostname=self.host)


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `body` to `url` through a checked address; the receiver's status code.

    Raises DestinationRefused for a destination that is not allowed, OSError when the
    receiver cannot be reached.
    """
    scheme, host, port, target = _parts(url)
    address = resolve_allowed(host, port)
    kind: Any = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = kind(host, port, address=address, timeout=timeout)
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # enough to let the receiver finish; the body is not used
        return int(response.status)
    finally:
        connection.close()
