"""The thread count the encoders take from ``OMP_NUM_THREADS``."""

from __future__ import annotations

import pytest

from storydiff.embed.encoder import env_threads


@pytest.mark.parametrize(("value", "threads"), [("4", 4), (" 2 ", 2), ("4,2", 4), ("", 0),
                                                ("0", 0), ("-1", 0), ("many", 0)])
def test_omp_num_threads_is_read_and_a_bad_value_means_unset(
        value: str, threads: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert env_threads() == threads


def test_an_empty_omp_num_threads_loads_the_default_encoder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``export OMP_NUM_THREADS=`` made ``int('')`` fail when the encoder loaded."""
    from storydiff.embed.onnx_e5 import OnnxE5Encoder

    monkeypatch.setenv("OMP_NUM_THREADS", "")
    encoder = OnnxE5Encoder()
    assert encoder.encode(["Floods hit the city."]).shape == (1, encoder.dim)
