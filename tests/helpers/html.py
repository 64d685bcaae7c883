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
    """Collects the visible text of each selected element separately."""

    def __init__(self, select):
        super().__init__(convert_charrefs=True)
        self.select = select
        self.stack = []  # (tag, hidden, buffer of a selected element or None)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.write_break(tag)
        if tag in VOID:
            return
        attributes = dict(attrs)
        hidden = tag in INVISIBLE or "hidden" in attributes
        buffer = None
        if self.select(tag, attributes) and not self.hidden():
            buffer = []
            self.elements.append(buffer)
        self.stack.append((tag, hidden, buffer))

    def handle_startendtag(self, tag, attrs):
        self.write_break(tag)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in {open_tag for open_tag, _, _ in self.stack}:
            return
        self.write_break(tag)
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        self.write(data)

    def write_break(self, tag):
        if tag in BLOCK:
            self.write(" ")

    def write(self, text):
        if self.hidden():
            return
        for _, _, buffer in self.stack:
            if buffer is not None:
                buffer.append(text)

    def hidden(self):
        return any(hidden for _, hidden, _ in self.stack)


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


def _matches(tag, attributes):
    """Select <tag> elements; class_="x" matches one of an element's classes."""

    def select(found_tag, found_attributes):
        return found_tag == tag and all(
            value in found_attributes.get(name.rstrip("_"), "").split()
            for name, value in attributes.items()
        )

    return select


def texts(html, tag, **attributes):
    """The visible text of each matching element, in document order."""
    collector = _TextCollector(_matches(tag, attributes))
    collector.feed(html)
    return [collapse("".join(buffer)) for buffer in collector.elements]


def text_of(html, tag, **attributes):
    """The visible text of every matching element, joined."""
    return " ".join(texts(html, tag, **attributes))


def visible_text(html):
    """What a reader sees of the page's body."""
    return text_of(html, "body")


def tags(html, tag, **attributes):
    """The attributes of every <tag> whose attributes include those given."""
    finder = _TagFinder(tag)
    finder.feed(html)
    return [
        found
        for found in finder.found
        if all(found.get(name.rstrip("_")) == value for name, value in attributes.items())
    ]
