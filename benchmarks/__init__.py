"""What hskg costs as the graph grows.

``python -m benchmarks``, from the repository root, prints one Markdown report: loading
(hskg's loader, plain rdflib, pyoxigraph directly), every catalog query (hskg's
``run_query`` in process, as ``hskg query`` runs it, and in a forked child, as the
library does; pyoxigraph directly; rdflib on small graphs), ``hskg validate`` and
``hskg reason``, the cold start of ``hskg query NAME``, and the interactive views
(generation, HTML size, first draw and redraw in headless Chromium), each against the
targets of issue 9.

The graphs are the shipped one and synthetic ones of the same shape (``synthetic``),
written as Turtle into temporary projects so that hskg's real loader reads them.  Every
measure runs in a child process (``child``), so that its peak memory is its own and a big
store never slows the next measure (``measure``).  ``readme`` puts the summary into
README.md.
"""
