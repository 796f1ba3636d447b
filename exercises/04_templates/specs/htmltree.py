"""A helper of the topic's specs, not a spec: rendered HTML parsed into a small tree
with the standard library's html.parser, so specs check structure (this link
inside that nav) instead of matching whole strings."""

from html.parser import HTMLParser

VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Element:
    def __init__(self, tag, attrs=(), parent=None):
        self.tag = tag
        self.attrs = {name: value or "" for name, value in attrs}
        self.parent = parent
        self.children = []  # Elements and strings

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self):
        return self.attrs.get("class", "").split()

    @property
    def text(self):
        """The text inside, entities decoded, runs of whitespace as one space."""
        return " ".join(self._raw_text().split())

    def _raw_text(self):
        return "".join(c if isinstance(c, str) else c._raw_text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        """Descendants by tag, class and attributes (aria_current="page" is aria-current)."""
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            el
            for el in self.iter()
            if (tag is None or el.tag == tag)
            and (cls is None or cls in el.classes)
            and all(el.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def form_data(self):
        """What a browser would submit for this form, unchanged: {name: value}."""
        data = {}
        for el in self.iter():
            name = el.attrs.get("name")
            if not name or "disabled" in el.attrs:
                continue
            kind = el.attrs.get("type", "text").lower()
            if el.tag == "input" and kind not in ("submit", "button", "image", "reset", "file"):
                if kind not in ("checkbox", "radio") or "checked" in el.attrs:
                    data[name] = el.attrs.get("value", "on" if kind == "checkbox" else "")
            elif el.tag == "textarea":
                data[name] = "".join(c for c in el.children if isinstance(c, str)).removeprefix(
                    "\n"
                )
            elif el.tag == "select":
                options = el.find_all("option")
                chosen = [o for o in options if "selected" in o.attrs] or options[:1]
                if chosen:
                    data[name] = chosen[0].attrs.get("value", chosen[0].text)
        return data


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document")

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_TAGS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:  # a stray end tag closes nothing
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content):
    """An HttpResponse, bytes or str of HTML as a tree of Elements."""
    if hasattr(content, "content"):
        content = content.content
    if isinstance(content, bytes):
        content = content.decode()
    builder = _TreeBuilder()
    builder.feed(str(content))
    builder.close()
    return builder.root
