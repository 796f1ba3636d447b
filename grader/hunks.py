"""Which parts of a shared file belong to which challenge.

A shared file (``[topic] shared_files`` of a manifest) carries several
challenges' TODOs, so its diff against the reference holds several answers.
``diff`` and ``solution`` show a challenge only its own parts; this module
says which lines those are.

The rule, decided on the kit's starter of the file (the learner may have
deleted the TODO lines by now, and the reference never has them):

1. **A tag opens a region.** A line carrying ``TODO: [slug]`` starts a region
   owned by challenge ``slug``. The region takes in, upwards, the comment lines
   at the tag's indentation right above it (the lead-in the TODO continues),
   and, downwards, everything after it up to, not including, the first of:
   a blank line, a line indented less than the tag (the bracket that closes
   the list or dict it sits in), the next tag line, or the lead-in comment of
   the next tag. So the lines a TODO is about (``"config.middleware...",``
   under ``TODO: [middleware]``) are in its region.
2. **Every other starter line is in no region.**
3. **A change belongs to the region of its starter side.** Both the learner's
   file and the reference are aligned with the starter (difflib). A line equal
   to a starter line is in that line's region. A changed block replaces some
   starter lines: when those lie in one region (with or without lines of no
   region), the whole block is that region's. An inserted block (no starter
   lines) belongs to the region of the starter line above or below it.
4. **A block that two regions claim is split between them in order**, at the
   cut whose lines share the most words with each region's own starter text
   (the words the TODO and its code use and the other regions don't); on a
   tie, lines go to a challenge's region before a no-region gap, and to the
   upper region before the lower one. (``"corsheaders",`` goes to the TODO
   that names ``corsheaders``, the next lines to the one naming
   ``drf_spectacular``.)
5. **A change nobody claims** (it lies in no region) is not hidden: the
   commands show it with a note saying no challenge's TODO claims it.

``split`` cuts the starter, the learner's file and the reference into the same
sequence of ``Part``s, one per region or gap, so a command can show one
challenge's parts from either side and count the others.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TAG = re.compile(r"TODO: \[([a-z][a-z0-9_]*)\]")
WORD = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True)
class Part:
    owner: str | None  # the slug whose region this is; None for a gap
    starter: list[str]
    mine: list[str]
    reference: list[str]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(("#", "{#", "<!--", "//"))


def regions(lines: list[str]) -> list[tuple[str | None, int, int]]:
    """The starter cut into ``(owner, start, end)`` runs of lines, covering it in order."""
    tags = [(i, m[1]) for i, line in enumerate(lines) if (m := TAG.search(line))]
    tag_lines = {i for i, _ in tags}
    spans: list[tuple[str, int, int]] = []
    for n, (t, slug) in enumerate(tags):
        indent = _indent(lines[t])
        start = _lead_in_start(lines, t, tag_lines, spans[-1][2] if spans else 0)
        end = t + 1
        while end < len(lines) and end not in tag_lines and _is_comment(lines[end]) and _indent(lines[end]) == indent:
            end += 1  # the TODO's own continuation lines
        stop = _lead_in_start(lines, tags[n + 1][0], tag_lines, end) if n + 1 < len(tags) else len(lines)
        while end < stop:
            line = lines[end]
            if not line.strip() or _indent(line) < indent:
                break
            end += 1
        spans.append((slug, start, end))
    found: list[tuple[str | None, int, int]] = []
    at = 0
    for slug, start, end in spans:
        if start > at:
            found.append((None, at, start))
        found.append((slug, start, end))
        at = end
    if at < len(lines) or not found:
        found.append((None, at, len(lines)))
    return found


def _lead_in_start(lines: list[str], tag: int, tag_lines: set[int], floor: int) -> int:
    indent = _indent(lines[tag])
    start = tag
    while (start - 1 >= floor and start - 1 not in tag_lines and _is_comment(lines[start - 1])
           and _indent(lines[start - 1]) == indent):
        start -= 1
    return start


def _words(lines: list[str]) -> set[str]:
    return set(WORD.findall("".join(lines).lower()))


def assign(starter: list[str], other: list[str], runs: list[tuple[str | None, int, int]]) -> list[int]:
    """For each line of ``other``, the index (into ``runs``) of the region or gap it belongs to."""
    run_of = [0] * len(starter)
    for k, (_, start, end) in enumerate(runs):
        for i in range(start, end):
            run_of[i] = k
    found: list[int] = []
    matcher = difflib.SequenceMatcher(None, starter, other, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            found.extend(run_of[i1:i2])
            continue
        if j1 == j2:
            continue
        if i1 < i2:
            candidates = sorted({run_of[i] for i in range(i1, i2)})
        else:
            candidates = sorted({run_of[i] for i in (i1 - 1, i1) if 0 <= i < len(starter)}) or [len(runs) - 1]
        found.extend(_split(other[j1:j2], candidates, runs, starter))
    return found


def _split(block: list[str], candidates: list[int], runs, starter: list[str]) -> list[int]:
    """Share ``block``'s lines among ``candidates`` in order (rule 4)."""
    if len(candidates) == 1:
        return [candidates[0]] * len(block)
    words = [_words(starter[runs[c][1]:runs[c][2]]) for c in candidates]
    unique = [w - set().union(*(o for j, o in enumerate(words) if j != n)) for n, w in enumerate(words)]
    k = len(candidates)

    def score(line: str, n: int) -> int:
        owned = runs[candidates[n]][0] is not None
        return 1000 * len(_words([line]) & unique[n]) + 10 * owned + (k - 1 - n)

    # best[n]: the best total with the lines so far, the last one given to candidate n.
    best = [score(block[0], n) for n in range(k)]
    back: list[list[int]] = []
    for line in block[1:]:
        row, choice = [], []
        for n in range(k):
            prev = max(range(n + 1), key=lambda p: (best[p], -p))
            row.append(best[prev] + score(line, n))
            choice.append(prev)
        back.append(choice)
        best = row
    n = max(range(k), key=lambda p: (best[p], -p))
    picks = [n]
    for choice in reversed(back):
        n = choice[n]
        picks.append(n)
    return [candidates[n] for n in reversed(picks)]


def split(starter: list[str], mine: list[str], reference: list[str]) -> list[Part]:
    """The three versions of a shared file, cut into the same regions and gaps."""
    runs = regions(starter)
    of_mine, of_ref = assign(starter, mine, runs), assign(starter, reference, runs)
    return [Part(owner, starter[start:end],
                 [line for line, k in zip(mine, of_mine, strict=True) if k == n],
                 [line for line, k in zip(reference, of_ref, strict=True) if k == n])
            for n, (owner, start, end) in enumerate(runs)]


def owners(starter: list[str]) -> set[str]:
    return {m[1] for line in starter if (m := TAG.search(line))}


@dataclass(frozen=True)
class View:
    lines: list[str]  # the base with only the challenge's parts (and unclaimed ones) taken from the reference
    others: dict[str, int]  # slug -> how many of its parts differ (not shown)
    unclaimed: int  # parts in no region that differ (shown)


def view(parts: list[Part], slug: str, base: str = "mine") -> View:
    """One challenge's reference parts laid over ``base`` ("mine" or "starter"): diffing
    ``base`` against ``View.lines`` shows that challenge's changes and the unclaimed ones only."""
    lines: list[str] = []
    others: dict[str, int] = {}
    unclaimed = 0
    for part in parts:
        own = getattr(part, base)
        if part.owner == slug:
            lines += part.reference
        elif own == part.reference:
            lines += own
        elif part.owner is None:
            lines += part.reference
            unclaimed += 1
        else:
            lines += own
            others[part.owner] = others.get(part.owner, 0) + 1
    return View(lines, others, unclaimed)
