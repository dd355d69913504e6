"""Checks a qindex page with Python's own HTML parser (independent of the
writer): every element closed in order, no stray end tag, ids unique, one
<title>, lang set, every <svg> with role="img", <title> and <desc>, every
<figure> with a <figcaption>, every <table> with a <caption> and scoped
headers, and nothing fetched from outside (src other than data:, url(),
@import, http).
Prints "ok" or the problems, one a line; exit 1 on any.

    python3 scripts/check-html.py out/sample/index.html
"""
import sys
from html.parser import HTMLParser

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "source", "wbr"}
SVG_VOID = {"polyline", "polygon", "circle", "line", "rect", "path"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids = [], [], set()
        self.titles = 0
        self.svg = None  # children seen in the current <svg>
        self.figure = None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        for k, v in attrs:
            if (k == "src" and not (v or "").startswith("data:")) or (k == "href" and v and not v.startswith("data:") and (":" in v or v.startswith("//"))):
                self.problems.append(f"external reference {k}={v}")
        if tag == "title" and not self.svg_open():
            self.titles += 1
        if tag == "svg":
            if a.get("role") != "img":
                self.problems.append("svg without role=img")
            self.svg = set()
        elif self.svg is not None:
            self.svg.add(tag)
        if tag == "figure":
            self.figure = set()
        elif self.figure is not None:
            self.figure.add(tag)
        if tag == "th" and self.in_("thead") and a.get("scope") != "col":
            self.problems.append("header cell without scope=col")
        if tag in VOID or tag in SVG_VOID:
            return
        self.stack.append(tag)

    def svg_open(self):
        return "svg" in self.stack

    def in_(self, tag):
        return tag in self.stack

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and tag not in SVG_VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID or tag in SVG_VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"end tag </{tag}> does not close <{self.stack[-1] if self.stack else '-'}>")
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()
        if tag == "svg":
            if not {"title", "desc"} <= self.svg:
                self.problems.append("svg without title and desc")
            self.svg = None
        if tag == "figure":
            if "figcaption" not in self.figure:
                self.problems.append("figure without figcaption")
            self.figure = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style" and ("url(" in data or "@import" in data):
            self.problems.append("CSS fetches from outside")


text = open(sys.argv[1], encoding="utf-8").read()
c = Checker()
c.feed(text)
c.close()
problems = list(c.problems)
if c.stack:
    problems.append("unclosed: " + " ".join(c.stack))
if c.titles != 1:
    problems.append(f"{c.titles} <title> elements in <head>")
if not c.lang:
    problems.append("no lang on <html>")
if "http://" in text or "https://" in text:
    problems.append("a URL in the page")
if text.count("<table") != text.count("<caption>"):
    problems.append("a table without a caption")
print("\n".join(problems) if problems else "ok")
sys.exit(1 if problems else 0)
