"""``hskg serve``: a read-only SPARQL 1.1 endpoint and a local web app over the graph.

One module per job:

- ``protocol``: what a SPARQL request asks and whether it may (updates, SERVICE, foreign graphs refused)
- ``formats``: content negotiation and the bytes of each answer
- ``pool``: the worker processes that hold the graph (time limit, bounded waiting, reload on change)
- ``jobs``: what a worker does with one job
- ``nodes``: a page (or triples) for every node
- ``data``: the explorer's data interface (``/data/…``) for the explorer served without its data (``/explore``)
- ``pages``: HTML, escaped; the query page
- ``api``: the catalog as an OpenAPI-described web API; the service description
- ``app``: the Starlette application, its security headers and its log
"""

from .app import create_app
from .jobs import Limits
from .pool import PoolSettings

__all__ = ["Limits", "PoolSettings", "create_app"]
