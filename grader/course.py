"""The course: topics and their challenges, read from each topic's manifest.

A course directory holds ``exercises/NN_slug/`` (one Django project per
topic, each with a ``topic.toml``) and ``solutions/NN_slug/`` (the reference
as an overlay, plus ``NOTES.md``).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TOPIC_DIR = re.compile(r"^(?P<number>\d{2})_(?P<slug>[a-z][a-z0-9_]*)$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
MANIFEST = "topic.toml"
DEFAULT_TIMEOUT = 10.0


class CourseError(Exception):
    """A problem with the course or the command line, reported without a traceback."""


@dataclass(frozen=True)
class Challenge:
    topic: Topic = field(repr=False, compare=False)
    slug: str
    position: int
    title: str
    syllabus: str
    difficulty: int
    points: int
    spec: str
    files: tuple[str, ...]
    hints: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.topic.slug}.{self.slug}"

    @property
    def number(self) -> str:
        return f"{self.topic.number}.{self.position}"

    @property
    def stars(self) -> str:
        return "★" * self.difficulty


@dataclass
class Topic:
    name: str  # the directory name, e.g. "01_fundamentals"
    number: int
    slug: str
    title: str
    project: str
    shared_files: tuple[str, ...]
    timeout: float
    challenges: list[Challenge] = field(default_factory=list)


def load_topic(directory: Path) -> Topic:
    """Read ``directory/topic.toml``; raise CourseError naming the problem."""
    match = TOPIC_DIR.match(directory.name)
    if not match:
        raise CourseError(f"{directory}: a topic folder is named NN_slug, like 01_fundamentals")
    manifest = directory / MANIFEST
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{manifest}: missing (every topic has a manifest)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"{manifest}: not valid TOML: {exc}") from None
    try:
        head = data["topic"]
        topic = Topic(
            name=directory.name,
            number=int(match["number"]),
            slug=match["slug"],
            title=str(head["title"]),
            project=str(head.get("project", "")),
            shared_files=tuple(head.get("shared_files", ())),
            timeout=float(head.get("timeout", DEFAULT_TIMEOUT)),
        )
        for position, entry in enumerate(data.get("challenges", ()), start=1):
            topic.challenges.append(
                Challenge(
                    topic=topic,
                    slug=str(entry["slug"]),
                    position=position,
                    title=str(entry["title"]),
                    syllabus=str(entry.get("syllabus", "")),
                    difficulty=int(entry.get("difficulty", 1)),
                    points=int(entry.get("points", 10)),
                    spec=str(entry["spec"]),
                    files=tuple(entry.get("files", ())),
                    hints=tuple(entry.get("hints", ())),
                )
            )
    except KeyError as exc:
        raise CourseError(f"{manifest}: missing key {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise CourseError(f"{manifest}: {exc}") from None
    return topic


@dataclass
class Course:
    root: Path
    topics: list[Topic]

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def state_dir(self) -> Path:
        return self.root / ".grader"

    @property
    def challenges(self) -> list[Challenge]:
        return [c for t in self.topics for c in t.challenges]

    def topic(self, query: str) -> Topic:
        """A topic by number ("1", "01"), slug ("fundamentals") or folder name."""
        q = query.strip().lower()
        for topic in self.topics:
            if q in (topic.name, topic.slug, str(topic.number), f"{topic.number:02d}"):
                return topic
        prefixed = [t for t in self.topics if t.slug.startswith(q)]
        if len(prefixed) == 1:
            return prefixed[0]
        names = [t.slug for t in self.topics] + [t.name for t in self.topics]
        raise CourseError(f"no topic {query!r}{_did_you_mean(q, names)}")

    def challenge(self, query: str) -> Challenge:
        """A challenge by id, number or unambiguous prefix: ``fundamentals.middleware``,
        ``1.6``, ``fund.mid``, ``middleware``."""
        q = query.strip().lower()
        every = self.challenges
        for c in every:
            if q in (c.id, c.number):
                return c
        if "." in q:
            t_part, c_part = q.split(".", 1)
            found = [
                c
                for c in every
                if (c.topic.slug.startswith(t_part) or t_part in (str(c.topic.number), f"{c.topic.number:02d}"))
                and c.slug.startswith(c_part)
            ]
        else:
            found = [c for c in every if c.slug.startswith(q)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = ", ".join(c.id for c in found[:6])
            raise CourseError(f"challenge {query!r} is ambiguous: {listed}")
        raise CourseError(f"no challenge {query!r}{_did_you_mean(q, [c.id for c in every])}")


def _did_you_mean(query: str, names: list[str]) -> str:
    close = difflib.get_close_matches(query, names, n=3, cutoff=0.75)
    if not close:
        close = [n for n in names if query in n][:3]
    return f"; did you mean {' or '.join(repr(n) for n in close)}?" if close else ""


def find_root(start: Path | None = None) -> Path:
    """The course root: the kit checkout this package lives in, else the
    nearest folder upwards from ``start`` that holds ``exercises/``."""
    here = Path(__file__).resolve().parent.parent
    if (here / "exercises").is_dir():
        return here
    current = (start or Path.cwd()).resolve()
    for folder in (current, *current.parents):
        if (folder / "exercises").is_dir():
            return folder
    raise CourseError("no course found: run the grader inside the kit (a folder with exercises/)")


def topic_dirs(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise CourseError(f"{directory}: no such folder")
    return sorted(p for p in directory.iterdir() if p.is_dir() and TOPIC_DIR.match(p.name))


def load_course(root: Path) -> Course:
    topics = [load_topic(d) for d in topic_dirs(root / "exercises")]
    if not topics:
        raise CourseError(f"{root / 'exercises'}: no topics (folders named NN_slug)")
    return Course(root=root, topics=topics)
