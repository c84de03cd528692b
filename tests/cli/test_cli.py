"""The command line, end to end: outputs, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydiff.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
ORIGINAL, REWRITE = str(EXAMPLES / "original.txt"), str(EXAMPLES / "rewrite.txt")


def run(*args: str, stdin: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_terminal_report_opens_with_the_verdict() -> None:
    result = run("compare", ORIGINAL, REWRITE)
    assert result.exit_code == 0, result.output
    first = result.output.strip().splitlines()[0]
    assert "same story" in first.lower() and "p=" in first
    assert "Discrepanc" in result.output


def test_json_report_follows_the_schema() -> None:
    result = run("compare", ORIGINAL, REWRITE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema_version"] == "1.2"
    assert [d["side"] for d in data["documents"]] == ["a", "b"]


def test_markdown_and_html_outputs(tmp_path: Path) -> None:
    markdown = run("compare", ORIGINAL, REWRITE, "--markdown")
    assert markdown.exit_code == 0 and markdown.output.lstrip().startswith("#")
    page = tmp_path / "report.html"
    html = run("compare", ORIGINAL, REWRITE, "--html", str(page))
    assert html.exit_code == 0, html.output
    assert "<html" in page.read_text(encoding="utf-8").lower()


def test_stdin_as_one_side() -> None:
    text = (EXAMPLES / "rewrite.txt").read_text(encoding="utf-8")
    result = run("compare", ORIGINAL, "-", "--json", stdin=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"][1]["source"] in ("-", "<stdin>")


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty"),
    (b"   \n\t \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not text"),
    (b"\x00\x01\x02binary\x00\x00data" * 20, "binary"),
    (b"<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>",
     "no article"),
])
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / ("bad.html" if b"<html" in content else "bad.txt")
    bad.write_bytes(content)
    result = run("compare", str(bad), ORIGINAL)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(bad.name) in lines[0] and problem in lines[0].lower()
    assert "Traceback" not in result.output


def test_too_large_and_missing_files(tmp_path: Path) -> None:
    result = run("compare", ORIGINAL, REWRITE, "--max-bytes", "100")
    assert result.exit_code == 2 and "--max-bytes" in result.output.lower()
    missing = run("compare", str(tmp_path / "nope.txt"), ORIGINAL)
    assert missing.exit_code == 2 and "nope.txt" in missing.output


def test_identical_inputs_are_an_answer_not_an_error() -> None:
    result = run("compare", ORIGINAL, ORIGINAL, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["identical"] is True and data["discrepancies"] == []


def test_installed_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = subprocess.run([sys.executable, "-m", "storydiff", "compare", str(empty), ORIGINAL],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "empty.txt" in proc.stderr


def test_time_budget_stops_a_comparison_with_one_line_naming_the_stage() -> None:
    result = run("compare", ORIGINAL, REWRITE, "--time-budget", "0.000001")
    assert result.exit_code == 2
    assert "time budget" in result.output and "Traceback" not in result.output
    assert "during" in result.output  # the stage it stopped in
    assert run("compare", ORIGINAL, REWRITE, "--time-budget", "-1").exit_code == 4


def test_eval_reads_the_shared_data_beside_the_checkout_by_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``storydiff eval semeval`` and ``eval nli`` without ``--data`` read ../shared/data, the
    folder beside the repository (the README's layout), not one folder higher or lower;
    ``STORYDIFF_DATA`` names another folder."""
    from storydiff.cli.main import _NLI, _SEMEVAL
    from storydiff.evaluate.data import data_dir

    repo = Path(__file__).resolve().parents[2]
    assert (repo / "pyproject.toml").exists()
    shared = (repo.parent / "shared" / "data").resolve()
    assert _SEMEVAL.resolve() == shared / "semeval2022-task8" / "train.csv"
    assert _NLI.resolve() == shared / "nli" / "nli-dev.csv"
    monkeypatch.setenv("STORYDIFF_DATA", "/elsewhere")
    assert data_dir() == Path("/elsewhere")


def test_any_setting_can_be_set_from_the_command_line() -> None:
    default = json.loads(run("compare", ORIGINAL, REWRITE, "--json").output)
    strict = run("compare", ORIGINAL, REWRITE, "--json", "--set", "link_min_confidence=0.9",
                 "--set", "max_claims=500")
    assert strict.exit_code == 0, strict.output
    kept = json.loads(strict.output)["alignment"]["links"]
    assert 0 < len(kept) < len(default["alignment"]["links"])
    assert all(link["confidence"] >= 0.9 for link in kept)


@pytest.mark.parametrize(("assignment", "said"), [
    ("nope=1", "unknown setting 'nope'"),
    ("max_claims=many", "max_claims takes an integer"),
    ("paraphrase_threshold=2", "paraphrase_threshold must lie in [0, 1]"),
])
def test_a_bad_setting_is_one_line_and_the_settings_exit_code(assignment: str, said: str) -> None:
    result = run("compare", ORIGINAL, REWRITE, "--set", assignment)
    assert result.exit_code == 4
    assert said in result.output and "Traceback" not in result.output


def test_settings_lists_every_group() -> None:
    from storydiff.settings import GROUPS

    result = run("settings")
    assert result.exit_code == 0
    for group, options in GROUPS.items():
        assert group in result.output
        assert all(f"{name} =" in result.output for name, _, _ in options.registry())
