"""Read pages the way a reader sees them: visible text, whitespace collapsed."""

from html.parser import HTMLParser

INVISIBLE = {"head", "script", "style", "template", "noscript"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self, select):
        super().__init__(convert_charrefs=True)
        self.select = select
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        hidden = tag in INVISIBLE or "hidden" in attributes
        self.stack.append((tag, hidden, self.select(tag, attributes)))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if any(hidden for _, hidden, _ in self.stack):
            return
        if any(selected for _, _, selected in self.stack):
            self.parts.append(data)


def collapse(text):
    return " ".join(text.split())


def visible_text(html, select=lambda tag, attributes: tag == "body"):
    """The text of the selected elements (the body by default), hidden ones left out."""
    collector = _TextCollector(select)
    collector.feed(html)
    return collapse(" ".join(collector.parts))


def text_of(html, tag, **attributes):
    """The visible text of every element with that tag and those attributes."""

    def select(found_tag, found_attributes):
        return found_tag == tag and all(
            value in found_attributes.get(name.rstrip("_"), "").split()
            for name, value in attributes.items()
        )

    return visible_text(html, select)
