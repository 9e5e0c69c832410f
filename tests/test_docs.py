"""The docs keep up with the code: every setting read from the environment is in
docs/configuration.md, every `lifeline` subcommand has its section in docs/usage.md,
and the docs point at nothing outside this repository.

Settings and commands are found in the code (its syntax tree, Django's command
discovery), not in a list kept by hand, so a new one fails here until documented.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from django.apps import apps
from django.core.management import find_commands

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lifeline"
DOCS = ROOT / "docs"

# The readers of lifeline/lib/env.py; each takes the variable's name first.
ENV_READERS = re.compile(r"env_[a-z]+")


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_os_environ(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _constant_str(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def environment_reads(tree: ast.AST) -> set[str]:
    """Variables a module reads from the environment by a name written in it.

    Through lib/env.py's readers (env_int("X", ...)) or os.environ directly
    (os.environ.get("X"), os.environ["X"], os.getenv("X")); os.environ.setdefault
    sets a default for a child process and reads nothing.
    """
    names = set()
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Call) and node.args:
            called = _called_name(node)
            func = node.func
            if (
                ENV_READERS.fullmatch(called)
                or called == "getenv"
                or (
                    called == "get"
                    and isinstance(func, ast.Attribute)
                    and _is_os_environ(func.value)
                )
            ):
                name = _constant_str(node.args[0])
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            name = _constant_str(node.slice)
        if name:
            names.add(name)
    return names


def settings_from_environment() -> dict[str, list[str]]:
    """Each variable read from the environment, with the modules that read it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "lib" / "env.py":
            continue  # the readers themselves, which read whatever name they are given
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in environment_reads(tree):
            found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def cli_words() -> set[str]:
    """The words lifeline/cli.py handles itself (without Django): those it compares argv[0] to."""
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    words = set()
    for node in ast.walk(tree):
        # argv[0] == "parse", argv[0] in ("letter", "pack")
        if not (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Subscript)
            and isinstance(node.left.value, ast.Name)
            and node.left.value.id == "argv"
        ):
            continue
        for operand in node.comparators:
            if isinstance(operand, ast.Tuple | ast.List | ast.Set):
                words.update(w for e in operand.elts if (w := _constant_str(e)))
            elif word := _constant_str(operand):
                words.add(word)
    return words


def project_commands() -> set[str]:
    """The management commands of the project's own apps (not Django's or a library's)."""
    return {
        command
        for app in apps.get_app_configs()
        if app.name.split(".")[0] == "lifeline"
        for command in find_commands(str(Path(app.path) / "management"))
    }


def inline_code(markdown: str) -> set[str]:
    """Every word of every `code span` of a page."""
    return {
        word for span in re.findall(r"`([^`\n]+)`", markdown) for word in re.findall(r"\w+", span)
    }


def test_every_setting_read_from_the_environment_is_in_configuration_md():
    settings = settings_from_environment()
    assert {"DATABASE_URL", "SECRET_KEY", "IMPORT_MAX_MB"} <= set(settings)
    documented = inline_code((DOCS / "configuration.md").read_text(encoding="utf-8"))
    missing = {name: where for name, where in settings.items() if name not in documented}
    assert missing == {}, "Add these to docs/configuration.md"


def test_every_lifeline_subcommand_has_its_section_in_usage_md():
    commands = cli_words() | project_commands()
    assert {"parse", "letter", "pack", "import", "worker"} <= commands
    usage = (DOCS / "usage.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#+ `lifeline ([\w-]+)", usage, flags=re.MULTILINE)
    missing = sorted(commands - set(headings))
    assert missing == [], "Add a section `## `lifeline NAME ...`` to docs/usage.md"


def test_the_readers_find_every_form_of_reading():
    tree = ast.parse(
        "import os\n"
        "from lifeline.lib import env\n"
        "A = env_int('A', 1)\n"
        "B = env.env_str('B')\n"
        "C = os.environ.get('C', '')\n"
        "D = os.environ['D']\n"
        "E = os.getenv('E')\n"
        "os.environ.setdefault('NOT_READ', 'x')\n"
        "F = {}.get('NOT_AN_ENVIRONMENT_READ')\n"
    )
    assert environment_reads(tree) == {"A", "B", "C", "D", "E"}
    assert inline_code("| `EMAIL_HOST_USER`, `EMAIL_HOST_PASSWORD` | x |") == {
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
    }


# A page of this repository says what it means: these name notes that live beside
# a checkout, not in it (a link that leaves the repository is caught below).
OUTSIDE = re.compile(r"\bFACTS\b|\bDESIGN(?:\.md)?\b|\bSTYLE\.md\b|\bshared/|/work/")


def pages() -> list[Path]:
    return sorted(
        [*DOCS.rglob("*.md"), ROOT / "README.md", ROOT / "CHANGELOG.md", *PACKAGE.rglob("*.md")]
    )


def test_the_docs_point_at_nothing_outside_the_repository():
    found = [
        f"{page.relative_to(ROOT)}:{number}: {line.strip()}"
        for page in pages()
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_code_names_no_notes_kept_outside_the_repository():
    """A comment says what was measured or decided, not where a note outside says so."""
    notes = re.compile(r"\bFACTS\b|\bDESIGN(?:\.md)?\b|\bSTYLE\.md\b")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "bench").rglob("*.py")])
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if notes.search(line)
    ]
    assert found == []


def test_every_relative_link_of_the_docs_leads_to_a_file_of_the_repository():
    broken = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:
            resolved = (page.parent / target).resolve()
            if not resolved.exists() or ROOT not in resolved.parents:
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_changelog_has_versions_with_dates_and_sections():
    """Keep a Changelog's shape: Unreleased, then versions newest first, each in sections."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert versions[0] == "Unreleased"
    released = [re.fullmatch(r"(\d+)\.(\d+)\.(\d+) - (\d{4}-\d{2}-\d{2})", v) for v in versions[1:]]
    assert released and all(released), versions
    numbers = [tuple(int(part) for part in m.groups()[:3]) for m in released if m]
    dates = [m[4] for m in released if m]
    assert numbers == sorted(numbers, reverse=True) and dates == sorted(dates, reverse=True)
    sections = set(re.findall(r"^### (.+)$", text, flags=re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == ".".join(map(str, numbers[0]))
