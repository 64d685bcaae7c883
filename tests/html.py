"""Read pages the way a reader sees them: visible text, whitespace collapsed."""

from html.parser import HTMLParser

INVISIBLE = {"head", "script", "style", "template", "noscript"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Elements a browser lays out as blocks: their text never runs into a neighbour's.
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self, select):
        super().__init__(convert_charrefs=True)
        self.select = select
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.break_block(tag)
        if tag in VOID:
            return
        attributes = dict(attrs)
        hidden = tag in INVISIBLE or "hidden" in attributes
        self.stack.append((tag, hidden, self.select(tag, attributes)))

    def handle_startendtag(self, tag, attrs):
        self.break_block(tag)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in {open_tag for open_tag, _, _ in self.stack}:
            return
        self.break_block(tag)
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.visible():
            self.parts.append(data)

    def break_block(self, tag):
        if tag in BLOCK and self.visible():
            self.parts.append(" ")

    def visible(self):
        return not any(hidden for _, hidden, _ in self.stack) and any(
            selected for _, _, selected in self.stack
        )


class _TagFinder(HTMLParser):
    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.tag = tag
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.found.append({name: value or "" for name, value in attrs})


def collapse(text):
    return " ".join(text.split())


def visible_text(html, select=lambda tag, attributes: tag == "body"):
    """The text of the selected elements (the body by default), hidden ones left out."""
    collector = _TextCollector(select)
    collector.feed(html)
    return collapse("".join(collector.parts))


def text_of(html, tag, **attributes):
    """The visible text of every element with that tag and those attributes
    (class_="x" matches one of the element's classes)."""

    def select(found_tag, found_attributes):
        return found_tag == tag and all(
            value in found_attributes.get(name.rstrip("_"), "").split()
            for name, value in attributes.items()
        )

    return visible_text(html, select)


def tags(html, tag, **attributes):
    """The attributes of every <tag> whose attributes include those given."""
    finder = _TagFinder(tag)
    finder.feed(html)
    return [
        found
        for found in finder.found
        if all(found.get(name.rstrip("_")) == value for name, value in attributes.items())
    ]
