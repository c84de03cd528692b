"""page.js run under Node against the rendered page's elements (a tiny DOM stand-in).

No browser is needed: the test extracts the elements that carry ``data-`` ids from the real
page, rebuilds them as fake DOM nodes, runs the page's own script and fires hover events.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import lxml.html
import pytest

from storydiff.report.render import render_html

_FAKE_DOM = r"""
const [nodes, hovers] = JSON.parse(require("fs").readFileSync(0, "utf8"));
class El {
  constructor(n) {
    this.n = n; this.classes = new Set(); this.on = {};
    this.classList = { add: (c) => this.classes.add(c), remove: (c) => this.classes.delete(c) };
  }
  getAttribute(a) { return a in this.n.attrs ? this.n.attrs[a] : null; }
  hasAttribute(a) { return a in this.n.attrs; }
  closest(sel) { return this.hasAttribute(sel.slice(1, -1)) ? this : null; }
  addEventListener(type, f) { this.on[type] = f; }
  scrollIntoView() { scrolled = this.n.index; }
}
const els = nodes.map((n) => new El(n));
const handlers = {};
let scrolled = null;
global.document = {
  querySelectorAll(sel) {
    if (sel === "#discrepancies tr[data-disc]") { return els.filter((e) => e.n.row); }
    return els.filter((e) => e.hasAttribute(sel.slice(1, -1)));
  },
  querySelector(sel) {
    const id = sel.match(/~='(\d+)'/)[1];
    return els.find((e) => e.n.side === "a" && !e.n.row &&
      (e.getAttribute("data-disc") || "").split(" ").includes(id)) || null;
  },
  addEventListener(type, f) { handlers[type] = f; },
};
eval(require("fs").readFileSync(process.env.PAGE_JS, "utf8"));
const out = hovers.map((i) => {
  if (i < 0) { els[-i - 1].on.click(); return scrolled; }
  handlers.mouseover({ target: els[i] });
  return els.filter((e) => e.classes.size).map((e) => [e.n.index, [...e.classes].sort()]);
});
console.log(JSON.stringify(out));
"""


def _nodes(page: str) -> list[dict[str, Any]]:
    """The page's elements that carry data ids, with their side and whether they are rows."""
    tree = lxml.html.document_fromstring(page)
    nodes = []
    for el in tree.xpath("//*[@data-claim or @data-disc]"):
        side = el.xpath('ancestor::section[contains(@class, "doc ")]/@class')
        nodes.append({"index": len(nodes), "row": el.tag == "tr",
                      "side": side[0].split()[1][-1] if side else None,
                      "attrs": {k: v for k, v in el.attrib.items() if k.startswith("data-")}})
    return nodes


def _run(page: str, hovers: list[int], tmp_path: Any) -> tuple[list[dict[str, Any]], list[Any]]:
    """Run page.js in Node over the page's nodes; returns the nodes and what each hover lit."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    tree = lxml.html.document_fromstring(page)
    script = tmp_path / "page.js"
    script.write_text(tree.xpath("//script")[0].text, encoding="utf-8")
    nodes = _nodes(page)
    done = subprocess.run([node, "-e", _FAKE_DOM], input=json.dumps([nodes, hovers]), text=True,
                          capture_output=True, check=True, timeout=30,
                          env={"PAGE_JS": str(script)})
    return nodes, json.loads(done.stdout)


def _find(nodes: list[dict[str, Any]], attr: str, value: str) -> int:
    """Index of the first node whose ``attr`` holds ``value``."""
    return next(n["index"] for n in nodes if value in n["attrs"].get(attr, "").split())


def _lit_claims(nodes: list[dict[str, Any]], lit: list[Any]) -> set[str]:
    """The claim ids of the nodes a hover gave the class 'hl'."""
    return {c for i, cls in lit if "hl" in cls for c in nodes[i]["attrs"]["data-claim"].split()}


def test_hovering_a_claim_lights_its_partners(report: dict[str, Any], tmp_path: Any) -> None:
    page = render_html(report)
    nodes = _nodes(page)
    hovers = [_find(nodes, "data-claim", "b2"), _find(nodes, "data-claim", "a3")]
    nodes, (from_b2, from_a3) = _run(page, hovers, tmp_path)
    assert _lit_claims(nodes, from_b2) == {"b2", "a0", "a2"}  # many-to-many: b2 ↔ a0, a2
    assert _lit_claims(nodes, from_a3) == {"a3", "b3"}  # the previous highlight was cleared


def test_hovering_a_discrepancy_lights_both_marks_and_its_row(report: dict[str, Any],
                                                            tmp_path: Any) -> None:
    page = render_html(report)
    nodes = _nodes(page)
    row = next(n["index"] for n in nodes if n["row"])
    nodes, (lit, scrolled) = _run(page, [row, -row - 1], tmp_path)
    disc = {i for i, cls in lit if "hl-disc" in cls}
    assert {nodes[i]["side"] for i in disc} == {"a", "b", None}  # both texts and the table row
    assert nodes[scrolled]["side"] == "a" and "data-disc" in nodes[scrolled]["attrs"]
