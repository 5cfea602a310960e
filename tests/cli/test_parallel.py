"""Many files checked on several processes give exactly what one process gives."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from glue_security.cli import parallel
from glue_security.cli.parallel import PARALLEL_FROM, map_in_processes, shares
from glue_security.cli.report import FileResult, Finding
from tests.helpers import DATA

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform cannot fork"),
    # Python 3.12+ warns of any fork in a process with threads, as the test runner's is.
    pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning"),
]


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forks allowed in this test process, whose test runner keeps threads of its own that
    touch nothing the workers use (the command runs alone: see the last tests)."""
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


def test_shares_keep_a_key_together_and_the_order() -> None:
    items = ["a/1", "b/1", "b/2", "b/3", "c/1", "c/2", "d/1", "e/1"]
    found = shares(items, 3, key=lambda item: item.split("/")[0])
    assert [index for share in found for index in share] == list(range(len(items)))
    assert len(found) <= 3
    for share in found:  # one directory's items never split between processes
        directories = {items[index].split("/")[0] for index in share}
        assert all(
            items[index].split("/")[0] not in directories
            for other in found
            if other is not share
            for index in other
        )


@pytest.mark.usefixtures("forking")
def test_work_is_shared_between_processes_and_comes_back_in_order() -> None:
    items = list(range(PARALLEL_FROM * 2))
    results = map_in_processes(lambda item: (item, os.getpid()), items, 2, key=str)
    assert [item for item, _ in results] == items
    assert len({pid for _, pid in results}) == 2  # the second share ran in a fork
    assert results[0][1] == os.getpid()  # this process took the first


@pytest.mark.usefixtures("forking")
def test_few_items_or_one_job_stay_in_this_process() -> None:
    few = map_in_processes(lambda _: os.getpid(), range(PARALLEL_FROM - 1), 4, key=str)
    one = map_in_processes(lambda _: os.getpid(), range(PARALLEL_FROM * 2), 1, key=str)
    assert set(few) == set(one) == {os.getpid()}


@pytest.mark.usefixtures("forking")
def test_progress_counts_every_process_and_ends_at_the_total() -> None:
    told: list[int] = []
    items = list(range(PARALLEL_FROM * 2))
    map_in_processes(lambda item: item, items, 2, key=str, progress=told.append)
    assert told == sorted(told) and told[-1] == len(items)
    assert told[-2] >= PARALLEL_FROM  # this process's own share, at least


@pytest.mark.usefixtures("forking")
def test_a_failed_worker_has_its_share_checked_here() -> None:
    parent = os.getpid()

    def check(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("a worker that fails")
        return item * 2

    items = list(range(PARALLEL_FROM * 2))
    assert map_in_processes(check, items, 2, key=str) == [item * 2 for item in items]


@pytest.mark.usefixtures("forking")
def test_a_callers_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        map_in_processes(lambda item: item, range(PARALLEL_FROM * 2), 2, key=str)
        # Still frozen (unfreezing would leave none): a frozen object that is freed
        # meanwhile leaves the count, so it need not stay exactly the same.
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("forking")
def test_what_a_run_froze_is_unfrozen_after_it() -> None:
    gc.unfreeze()  # whatever this test process froze before: the run starts with none
    assert gc.get_freeze_count() == 0
    map_in_processes(lambda item: item, range(PARALLEL_FROM * 2), 2, key=str)
    assert gc.get_freeze_count() == 0


def test_results_travel_between_processes_whole() -> None:
    finding = Finding("m", "GS203", "$.A", 1, 2, 3, "warning", "aws_x.y")
    result = FileResult("f.tf", (finding,), ("aws_x.y",), Finding("e", "read"))
    copy = pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    assert copy == result and type(copy.findings[0]) is Finding


def test_lint_on_two_processes_reports_what_one_does(tmp_path: Path) -> None:
    # The command as users run it, a process of its own (no other thread: it forks), on the
    # lint corpus (templates, plans, Terraform modules, a broken .tf, CloudTrail) copied
    # until there are enough files to share out.
    copies = -(-PARALLEL_FROM // sum(1 for _ in (DATA / "lint").rglob("*.*")))
    for number in range(copies):
        shutil.copytree(DATA / "lint", tmp_path / f"copy-{number}")

    def lint(jobs: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-W", "error::DeprecationWarning", "-m", "glue_security"]
        return subprocess.run(
            [*command, "lint", "--format", "json", "--jobs", jobs, str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )

    one, two = lint("1"), lint("2")
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 1 and one.stdout.count('"file"') >= PARALLEL_FROM


def test_a_process_with_other_threads_does_not_fork() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pids = map_in_processes(lambda _: os.getpid(), range(PARALLEL_FROM * 2), 2, key=str)
    finally:
        stop.set()
        other.join()
    assert set(pids) == {os.getpid()}


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    from glue_security.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(["lint", "--jobs", "0", str(DATA / "lint")])
    assert stopped.value.code == 2
    assert "not a number of processes: '0'" in capsys.readouterr().err
