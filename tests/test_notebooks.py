"""The notebooks run top to bottom on a clean clone, and are committed without outputs.

Each notebook runs in a kernel of this venv's Python: the kernel spec is written into a
temporary directory (`ipykernel.kernelspec.install`, which records `sys.executable`), so
neither a user-level "python3" kernel nor a `python` on PATH from elsewhere is picked up.
`MINUTES_RECORDS` points at an empty directory, so the notebooks take the path they take in
CI on a clean clone, where `outputs/` is empty: they extract `corpus/raw` themselves.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline.review import RECORDS_ENV
from tests.conftest import REPO

NOTEBOOKS_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
KERNEL_NAME = "minutes-venv"
CELL_TIMEOUT_S = 300


def test_the_notebooks_are_there() -> None:
    assert {path.name for path in NOTEBOOKS} >= {"review.ipynb", "evaluation.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    stale = [
        cell.get("id", index)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not stale, f"{path.name}: clear the outputs of cells {stale}"


@pytest.fixture(scope="module")
def kernel_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    from ipykernel.kernelspec import install

    prefix = tmp_path_factory.mktemp("kernel")
    install(kernel_name=KERNEL_NAME, prefix=str(prefix), display_name="minutes venv")
    return [str(prefix / "share" / "jupyter" / "kernels")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(
    path: Path,
    kernel_dirs: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    empty = tmp_path / "no-records"
    empty.mkdir()
    monkeypatch.setenv(RECORDS_ENV, str(empty))  # the kernel inherits the environment
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    # Connection files and the IPython profile in the test's own directory, not in $HOME.
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # whatever is left, pytest clears
    notebook = nbformat.read(path, as_version=4)
    kernel_manager = KernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=kernel_dirs)
    )
    client = NotebookClient(
        notebook,
        km=kernel_manager,
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    started = time.monotonic()
    try:
        client.execute()  # raises CellExecutionError, with the traceback, on any error
    finally:
        if kernel_manager.has_kernel:  # nbclient leaves a kernel it was handed running
            # Politely, so that the kernel's exit handlers remove its temporary directories.
            kernel_manager.shutdown_kernel()
    elapsed = time.monotonic() - started
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert not errors
    print(f"{path.name}: {elapsed:.1f} s")
