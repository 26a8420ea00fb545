"""Every command and every option has help text, and every command appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]


def commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_the_expected_commands_exist() -> None:
    assert {"build", "validate", "stats", "eval"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_and_option_has_help(name: str) -> None:
    command = commands()[name]
    assert command.help and len(command.help) > 20, name
    for param in command.params:
        if isinstance(param, typer.core.TyperOption):
            assert param.help, f"kg {name} {param.opts[0]} has no help"
        else:
            assert isinstance(param, typer.core.TyperArgument)
            assert param.help, f"kg {name} {param.name} has no help"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {name}\b", readme), f"README.md does not show `kg {name}`"


def test_the_readme_opens_with_the_two_quick_start_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.find("\n## ", readme.find("## Quick start") + 1)]
    assert "pip install . && kg build" in head
    assert "pip install '.[test]' && pytest" in head


def test_no_command_prints_a_traceback_on_a_missing_graph(tmp_path: Path) -> None:
    for name in ("validate", "stats"):
        result = CliRunner().invoke(app, [name, str(tmp_path / "missing.ttl")])
        assert result.exit_code == 2
        assert "K303" in result.stderr and "Traceback" not in result.stdout + result.stderr


def test_version_is_the_package_version() -> None:
    import tomllib

    result = CliRunner().invoke(app, ["--version"])
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert result.exit_code == 0 and result.stdout == f"kg {version}\n"


def test_out_help_says_what_out_is_for_each_command() -> None:
    helps = {}
    for name, command in commands().items():
        for param in command.params:
            if isinstance(param, typer.core.TyperOption) and "--out" in param.opts:
                helps[name] = param.help or ""
    assert set(helps) == {"build", "validate", "stats", "export", "remove", "query", "load", "serve"}
    assert len(set(helps.values())) == len(helps) - 2  # each its own; validate, stats and export read the graph
    assert "to write" in helps["build"] and all("to write" not in h for n, h in helps.items() if n != "build")
    assert "query" in helps["query"] and "send" in helps["load"] and "serve" in helps["serve"]
    assert "out of" in helps["remove"] and "read" in helps["validate"] and "read" in helps["stats"]


def test_hints_fit_the_error(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["query", "--file", str(tmp_path / "nope.rq"), "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "K414" in missing.stderr and "permissions" not in missing.stderr
    (tmp_path / "manifest.json").write_text(
        '{"model": null, "patterns": null, "formats": ["ttl"], "view": false, "articles": [], "graphs": {}}'
    )
    gone = runner.invoke(app, ["remove", "nothing-here", "--out", str(tmp_path)])
    assert gone.exit_code == 2 and "K405" in gone.stderr
    assert f"{tmp_path / 'manifest.json'} lists the articles" in gone.stderr and "out/manifest" not in gone.stderr
    nobuild = runner.invoke(app, ["remove", "nothing-here", "--out", str(tmp_path / "none")])
    assert nobuild.exit_code == 2 and "K415" in nobuild.stderr and "--graph" not in nobuild.stderr
    assert f"No build in {tmp_path / 'none'}" in nobuild.stderr and not (tmp_path / "none").exists()


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [("SELEC * { ?s ?p ?o }", 1, 1), ("# a comment\nPREFIX x: <http://x/>\n  CONSTRUT { ?s ?p ?o } WHERE {}", 3, 3)],
)
def test_a_misspelt_query_form_is_reported_where_it_is(tmp_path: Path, query: str, line: int, column: int) -> None:
    result = CliRunner().invoke(app, ["query", query, "--graph", str(ROOT / "out" / "graph.ttl")])
    assert result.exit_code == 2 and "K400" in result.stderr
    assert f"line {line}, column {column}" in result.stderr and "not a query form" in result.stderr
    assert "expected CONSTRUCT" not in result.stderr
