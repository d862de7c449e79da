"""``reception-desk address "TEXT" [--json]``: the new commune(s) of an old address, without a
database or an account (reference data); a split ward lists every candidate, none exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # A database path that does not exist: the command must not need (nor create) one.
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "RECEPTION_DESK_DATABASE": str(tmp_path / "none.sqlite3")}
    env.pop("RECEPTION_DESK_PASSWORD", None)
    return subprocess.run([sys.executable, "-m", "reception_desk", "address", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=60, check=False)


def test_json_for_one_new_commune(tmp_path: Path) -> None:
    result = _run("Thôn 3, Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk", "--json",
                  tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"ward_code": 24163, "ward": "Phường Tân An", "province": "Tỉnh Đắk Lắk", "exact": True}]
    assert not (tmp_path / "none.sqlite3").exists()


def test_json_for_a_split_ward_lists_every_candidate_none_exact(tmp_path: Path) -> None:
    result = _run("Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {c["ward_code"]: c["ward"] for c in found} == {
        136: "Phường Phúc Lợi", 565: "Xã Gia Lâm", 541: "Xã Phù Đổng"}
    assert {c["exact"] for c in found} == {False}
    assert {c["province"] for c in found} == {"Thành phố Hà Nội"}


def test_vietnamese_human_output(tmp_path: Path) -> None:
    result = _run("Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Đơn vị cũ: Xã Cổ Bi, Huyện Gia Lâm, Thành phố Hà Nội" in out
    assert "Địa chỉ chi tiết: Xóm 2" in out
    assert "chọn một trong 3 xã, phường mới (chương trình không tự chọn)" in out
    assert "  - Xã Phù Đổng, Thành phố Hà Nội (541)" in out


def test_an_unknown_address_says_so_and_fails(tmp_path: Path) -> None:
    result = _run("Thôn 3, Xã Không Có", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "Không nhận ra xã, phường" in result.stdout
    assert json.loads(_run("Thôn 3", "--json", tmp_path=tmp_path).stdout) == []
