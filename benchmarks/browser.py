"""Headless Chromium for the benchmark and the browser tests: where it is, how it starts
(no network: the machine has none, and Chromium would try), and what is measured in a page."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The share of the nodes on screen whose box (shape and label, as vis-network measured it) overlaps another's.
LABEL_OVERLAP = """(net) => {
    const canvas = net.canvas.frame.canvas, from = net.DOMtoCanvas({x: 0, y: 0});
    const to = net.DOMtoCanvas({x: canvas.clientWidth, y: canvas.clientHeight});
    const ids = net.body.nodeIndices.filter(id => {  // on screen: vis-network drew their labels
        const n = net.body.nodes[id];
        return n.x >= from.x && n.x <= to.x && n.y >= from.y && n.y <= to.y;
    });
    const boxes = ids.map(id => net.body.nodes[id].shape.boundingBox);
    let overlapping = 0;
    boxes.forEach((a, i) => {
        if (boxes.some((b, j) => j !== i && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)) {
            overlapping++;
        }
    });
    return overlapping / Math.max(ids.length, 1);
}"""
