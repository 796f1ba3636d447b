"""``grader reset``: put a challenge's files back as the kit ships them.

What a reset touches: the challenge's ``files`` (restored, or removed when the
kit has no such file), and the files the learner created in the challenge's
own folders. A challenge's own folder holds one of its files, no file of
another challenge, no shared file, and is not the project's (the topic's root,
the package of its settings): ``authors/`` and ``authors/migrations/`` for
2.3; not ``notes/`` in topic 01, which 1.1 and 1.2 share, nor ``config/`` for
2.7. A created file is one that neither the kit's record
(``exercises/pristine.json``) nor any challenge lists; it is backed up, then
removed, so what ``makemigrations`` wrote goes with the reset, and
``--restore`` brings it back. ``__pycache__`` folders and ``*.pyc`` files in
those folders are removed without backup. Only the folders themselves are
looked at, not their subfolders; nothing else is touched. Files created in a
folder the challenge shares are named, and left alone.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from grader import pristine, reference, ui
from grader.course import CourseError

HELP = "restore a challenge's starter files, after backing up yours"
EXAMPLE = """examples:
  grader reset fundamentals.tour        back up your files, then restore the starter
  grader reset --list-backups           every backup, newest last
  grader reset --restore 20261127-101500-fundamentals.tour
                                        put a backup's files back (your current ones are backed up first)"""


def add_arguments(parser) -> None:
    parser.add_argument("challenge", nargs="?", metavar="CHALLENGE",
                        help="id (fundamentals.tour), number (1.1) or prefix")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--list-backups", action="store_true", help="list the backups under .grader/backups/")
    parser.add_argument("--restore", metavar="BACKUP", help="put the files of this backup back")


def backups_dir(course) -> Path:
    return course.state_dir / "backups"


def back_up(course, topic_name: str, rels: list[str], label: str) -> Path:
    """Copy the learner's current ``rels`` (byte for byte) into a new backup folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(course) / f"{stamp}-{label}"
    n = 2
    while folder.exists():
        folder = backups_dir(course) / f"{stamp}-{label}-{n}"
        n += 1
    kept, absent = [], []
    for rel in rels:
        source = course.exercises / topic_name / rel
        if source.is_file():
            target = folder / "files" / topic_name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            kept.append(rel)
        else:
            absent.append(rel)
    folder.mkdir(parents=True, exist_ok=True)
    about = {"label": label, "topic": topic_name, "files": kept, "absent": absent,
             "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    (folder / "backup.json").write_text(json.dumps(about, indent=2) + "\n", encoding="utf-8")
    return folder


def _shown(course, path: Path) -> str:
    try:
        return str(path.relative_to(course.root))
    except ValueError:
        return str(path)


def _own_folders(course, challenge) -> tuple[list[str], list[str]]:
    """The folders holding the challenge's files: (its own, those it shares with others or
    with the project: the topic's root and the package of its settings)."""
    topic = challenge.topic
    others = {rel.rpartition("/")[0] for c in topic.challenges if c is not challenge for rel in c.files}
    others |= {rel.rpartition("/")[0] for rel in topic.shared_files}
    others.add("")
    prefix = f"{topic.name}/"
    others |= {key[len(prefix):].rpartition("/")[0] for key in pristine.load(course) or {}
               if key.startswith(prefix) and key.endswith("/settings.py")}
    folders = sorted({rel.rpartition("/")[0] for rel in challenge.files})
    return [f for f in folders if f not in others], [f for f in folders if f in others]


def _junk(path: Path) -> bool:
    return path.name == "__pycache__" or path.suffix == ".pyc"


def created_files(course, challenge) -> tuple[list[str], list[str], list[Path]]:
    """Files the learner created beside the challenge's files: (in its own folders, to remove;
    in folders it shares, left alone; bytecode in its own folders, removed without backup)."""
    topic = challenge.topic
    root = course.exercises / topic.name
    recorded = pristine.load(course)
    if recorded is None:
        return [], [], []
    listed = {rel for c in topic.challenges for rel in c.files} | set(topic.shared_files)
    own, shared = _own_folders(course, challenge)
    mine, left, junk = [], [], []
    for folder in own + shared:
        where = root / folder
        if not folder or not where.is_dir() or where.is_symlink():
            continue  # the topic's root: the project's, never even listed
        for path in sorted(where.iterdir()):
            rel = path.relative_to(root).as_posix()
            if _junk(path):
                if folder in own:
                    junk.append(path)
                continue
            if path.is_file() and not path.is_symlink() and f"{topic.name}/{rel}" not in recorded \
                    and rel not in listed:
                (mine if folder in own else left).append(rel)
    return mine, left, junk


def _remove_junk(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def reset(course, args) -> int:
    challenge = course.challenge(args.challenge)
    topic = challenge.topic.name
    # Every starter found before anything is touched; None: the kit ships no such file.
    starters = {rel: pristine.starter_or_absent(course, topic, rel) for rel in challenge.files}

    def differs(rel: str) -> bool:
        mine = course.exercises / topic / rel
        return mine.is_file() != (starters[rel] is not None) or (mine.is_file() and mine.read_bytes() != starters[rel])

    changed = [rel for rel in starters if differs(rel)]
    created, left, junk = created_files(course, challenge)
    shared = [f.rel for f in reference.files(course, challenge) if f.shared]
    if shared:
        diff = ui.command(course, "diff", challenge.id)
        ui.out.print(f"Shared files ({', '.join(shared)}) also carry this challenge's TODOs; reset leaves them "
                     f"alone, as other challenges' work lives there too (`{diff}` shows your changes).")
    if left:
        ui.out.print(f"Left alone: {', '.join(left)} — files you created in a folder other challenges' files "
                     "share, so reset cannot tell they are this challenge's.")
    if not changed and not created:
        ui.out.print(f"{challenge.id}: your files are the starter already; nothing to reset.")
        return 0
    if changed:
        ui.out.print(f"{challenge.id}: {len(changed)} file(s) differ from the starter: {', '.join(changed)}")
    if created:
        ui.out.print(f"{challenge.id}: {len(created)} file(s) you created in its folders, which the starter does "
                     f"not have, will be removed: {', '.join(created)}")
    if not ui.confirm("Back them up and restore the starter?", yes=args.yes):
        return 1
    folder = back_up(course, topic, changed + created, challenge.id)
    for rel in created:
        (course.exercises / topic / rel).unlink(missing_ok=True)
    _remove_junk(junk)
    for rel in changed:
        target = course.exercises / topic / rel
        if starters[rel] is None:  # a file the learner created: backed up, then removed
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(starters[rel])
    ui.out.print(ui.line(("Restored the starter", "green"), f" of {challenge.id}. Your files are in "
                         f"{_shown(course, folder)}/files/ "
                         f"(`{ui.command(course, 'reset', '--restore', folder.name)}` puts them back)."))
    return 0


def _backups(course) -> list[tuple[Path, dict]]:
    found = []
    root = backups_dir(course)
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        try:
            about = json.loads((folder / "backup.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(about, dict) and isinstance(about.get("files"), list):
            found.append((folder, about))
    return found


def list_backups(course) -> int:
    backups = _backups(course)
    if not backups:
        ui.out.print(f"No backups yet: `{ui.command(course, 'reset', 'CHALLENGE')}` makes one before it restores "
                     "a starter.")
        return 0
    for folder, about in backups:
        ui.out.print(f"{folder.name}  {len(about['files'])} file(s): {', '.join(about['files']) or '-'}")
    ui.out.print(f"\nIn {_shown(course, backups_dir(course))}/. Put one back with "
                 f"`{ui.command(course, 'reset', '--restore', 'NAME')}`.")
    return 0


def restore(course, args) -> int:
    match = [(f, a) for f, a in _backups(course) if f.name == args.restore]
    if not match:
        names = [f.name for f, _ in _backups(course)]
        hint = f"; the newest is {names[-1]!r}" if names else "; there are none yet"
        raise CourseError(f"no backup {args.restore!r}{hint} (see `{ui.command(course, 'reset', '--list-backups')}`)")
    folder, about = match[0]
    topic = str(about.get("topic", ""))
    if not (course.exercises / topic).is_dir():
        raise CourseError(f"backup {folder.name}: its topic {topic!r} is not in this course")
    rels = [str(rel) for rel in about["files"]]
    ui.out.print(f"{folder.name}: puts back {', '.join(rels)}")
    if not ui.confirm("Back up your current versions and put these back?", yes=args.yes):
        return 1
    current = back_up(course, topic, rels, f"before-restore-{about.get('label', 'backup')}")
    for rel in rels:
        target = course.exercises / topic / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "files" / topic / rel, target)
    ui.out.print(f"Restored {len(rels)} file(s). Your versions from just before are in {_shown(course, current)}/files/.")
    return 0


def run(course, args) -> int:
    if args.list_backups:
        return list_backups(course)
    if args.restore:
        return restore(course, args)
    if not args.challenge:
        raise CourseError("reset needs a CHALLENGE (or --list-backups, or --restore BACKUP)")
    return reset(course, args)
