"""The error catalogue (reception_desk.texts): every code raised anywhere in reception_desk has a
sentence and a Vietnamese translation, the sentences ask only for parameters their raise sites
give, and the parameters are filled in the user's language.

The codes are found by reading the source (``ast``), not by a list kept by hand: a new
``UserError("x.y")`` without a sentence fails here.
"""

from __future__ import annotations

import ast
import gettext
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from pathlib import Path

import pytest

import reception_desk.texts as texts
from reception_desk.domain.cases import CaseStage
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.i18n import set_language
from reception_desk.texts import MESSAGES
from reception_desk.texts import message
from reception_desk.texts import message_for

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reception_desk"
CATALOG = ROOT / "resources" / "locale" / "vi" / "LC_MESSAGES" / "reception_desk.mo"

#: Calls whose first argument is an error code: the error classes and the helpers that build
#: errors, problems, findings and import line errors, and ``super().__init__`` of an error class
#: with a fixed code (``BackupCancelled``).
ERROR_CALLS = frozenset({"UserError", "KnownError", "ReceptionDeskError", "CaseRuleError",
                         "Problem", "_problem", "_qr_error", "add", "_LineError", "Finding",
                         "__init__", "AccessDenied"})
#: Calls whose error code is not their first argument: ``services.found.found(row, code, …)``,
#: ``domain.visits._unwritten(text, field, code)``.
CODE_POSITION = {"found": 1, "_unwritten": 2}
CODE = re.compile(r"[a-z][a-z_]*\.[a-z][a-z_0-9]*")
#: Codes of database check findings, also written as (code, params) pairs and code tables.
FINDING = re.compile(r"check\.[a-z][a-z_0-9]*")
PLACEHOLDER = re.compile(r"\{([a-z_]+)[^}]*\}")
#: Parameters every sentence may use: the code itself, the field at fault, and the ones
#: ``texts`` derives (``century_end`` from ``century``; ``record`` and ``subject`` from a check
#: finding's ``entity``; ``changed`` from a refused compare-and-set's ``fields``).
ALWAYS = frozenset({"code", "field", "century_end", "record", "subject", "changed"})
#: Parameters the collecting code adds to every problem of a family (the line of a pasted list
#: or of an import file).
ADDED = {"participant": frozenset({"line"}), "import": frozenset({"line"})}


@dataclass
class Raised:
    files: set[str] = field(default_factory=set)
    params: set[str] = field(default_factory=set)
    open_params: bool = False  # some raise site passes **params: its names are unknown here


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _dict_keys(node: ast.AST) -> tuple[set[str], bool]:
    if not isinstance(node, ast.Dict):
        return set(), True
    keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return keys, None in node.keys  # a None key is a ** unpacking


def raised_codes() -> dict[str, Raised]:
    """Every error code in reception_desk's source (outside the catalogue) and its parameters."""
    found: dict[str, Raised] = defaultdict(Raised)
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "texts"):
            continue
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            at = CODE_POSITION.get(_name(node) or "", 0) if isinstance(node, ast.Call) else 0
            if (isinstance(node, ast.Call) and _name(node) in ERROR_CALLS | CODE_POSITION.keys()
                    and len(node.args) > at):
                first = node.args[at]
                if isinstance(first, ast.IfExp):  # add("check.a" if … else "check.b", params)
                    for branch in (first.body, first.orelse):
                        if (isinstance(branch, ast.Constant) and isinstance(branch.value, str)
                                and FINDING.fullmatch(branch.value)):
                            found[branch.value].files.add(where)
                            found[branch.value].open_params = True
                    continue
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)
                        and CODE.fullmatch(first.value)):
                    continue
                entry = found[first.value]
                entry.files.add(where)
                entry.params |= {k.arg for k in node.keywords if k.arg}
                entry.open_params |= any(k.arg is None for k in node.keywords)
                # Problem(code, field, {params}) and Finding(code, {params}).
                where_params = {"Problem": 2, "Finding": 1}.get(_name(node) or "")
                if where_params is not None and len(node.args) > where_params:
                    keys, unknown = _dict_keys(node.args[where_params])
                    entry.params |= keys
                    entry.open_params |= unknown
            elif (isinstance(node, ast.Tuple) and len(node.elts) == 2  # ("check.x", {...})
                  and isinstance(node.elts[0], ast.Constant)
                  and isinstance(node.elts[0].value, str)
                  and FINDING.fullmatch(node.elts[0].value)):
                entry = found[node.elts[0].value]
                entry.files.add(where)
                keys, unknown = _dict_keys(node.elts[1])
                entry.params |= keys
                entry.open_params |= unknown
            elif isinstance(node, ast.Dict):  # {"line": 3, "code": "import.bad_json"}
                for value in node.values:  # a table of finding codes: {(scope, "gap"): "check.x"}
                    if (isinstance(value, ast.Constant) and isinstance(value.value, str)
                            and FINDING.fullmatch(value.value)):
                        found[value.value].files.add(where)
                        found[value.value].open_params = True
                pairs = dict(zip(node.keys, node.values, strict=True))
                for key, value in pairs.items():
                    if (isinstance(key, ast.Constant) and key.value == "code"
                            and isinstance(value, ast.Constant) and isinstance(value.value, str)
                            and CODE.fullmatch(value.value)):
                        entry = found[value.value]
                        entry.files.add(where)
                        keys, unknown = _dict_keys(node)
                        entry.params |= keys - {"code"}
                        entry.open_params |= unknown
    found[ValidationFailed([]).code].files.add("reception_desk/errors.py")
    found[ValidationFailed([]).code].params.add("count")
    return dict(found)


RAISED = raised_codes()


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    set_language("vi")
    yield
    set_language("vi")


def test_the_scan_finds_codes_of_every_kind():
    """If the scan stopped finding codes, the checks below would pass for nothing."""
    assert {
        "visit.content_required",  # Problem in domain/visits
        "id.sex_mismatch",  # _problem in domain/identity
        "qr.bad_id",  # _qr_error
        "participant.bad_phone",  # add() of a pasted list
        "case.terminal",  # CaseRuleError
        "import.bad_json",  # a line problem written as a dict
        "import.bad_value",  # _LineError
        "check.stt_gap",  # Finding of the database check
        "database.too_new",  # KnownError in storage
        "document.none_to_copy",  # UserError in cli
        "ui.date_unreadable",  # UserError in ui
        "backup.cancelled",  # the fixed code of an error class (super().__init__)
        "validation_failed",
    } <= RAISED.keys()
    assert len(RAISED) > 150


def test_every_code_raised_anywhere_has_a_sentence():
    missing = {code: sorted(RAISED[code].files) for code in RAISED.keys() - MESSAGES.keys()}
    assert not missing, f"codes without a sentence in reception_desk/texts: {missing}"


def test_every_sentence_is_for_a_code_that_is_raised():
    stale = sorted(MESSAGES.keys() - RAISED.keys())
    assert not stale, f"sentences for codes nothing raises: {stale}"


def test_each_code_lives_in_one_feature_module():
    owners: dict[str, list[str]] = defaultdict(list)
    for module in texts.FEATURES:
        for code in module.MESSAGES:
            owners[code].append(module.__name__)
    assert {c: m for c, m in owners.items() if len(m) > 1} == {}


def test_every_sentence_has_a_vietnamese_translation():
    catalog = gettext.GNUTranslations(CATALOG.open("rb"))._catalog  # type: ignore[attr-defined]
    untranslated = sorted(code for code, msgid in MESSAGES.items() if not catalog.get(msgid))
    assert not untranslated, "run bash packaging/i18n.sh after translating: " + str(untranslated)


def test_sentences_ask_only_for_parameters_their_raise_sites_give():
    wrong = {}
    for code, msgid in MESSAGES.items():
        raised = RAISED.get(code)
        if raised is None or raised.open_params:
            continue
        given = raised.params | ALWAYS | ADDED.get(code.split(".")[0], frozenset())
        asked = set(PLACEHOLDER.findall(msgid))
        if asked - given:
            wrong[code] = sorted(asked - given)
    assert not wrong, wrong


# --- wording ------------------------------------------------------------------------------------


def test_parameters_are_filled_in_the_users_language():
    for code in MESSAGES:
        text = message_for(UserError(code, max=5, actual=7, row=2, line=3, year=2026))
        assert text and not re.search(r"\{(max|actual|row|line|year)\}", text), code
    assert message_for(UserError("text.too_long", max=20000, actual=1000000)) == (
        "Quá dài: tối đa 20.000 ký tự (hiện có 1.000.000).")
    assert message_for(UserError("visit.time_too_old", earliest=date(2000, 1, 1))) == (
        "Ngày tiếp không được trước ngày 01/01/2000.")
    assert message_for(KnownError("database.too_new", revision="x", head="y")).startswith(
        "Cơ sở dữ liệu này được tạo bởi phiên bản mới hơn")
    # Enum parameters, as values or as their codes, read as their labels.
    closed = message_for(UserError("case.terminal", stage=CaseStage.CLOSED))
    assert closed == message_for(UserError("case.terminal", stage="closed"))
    assert closed == "Vụ việc đang ở trạng thái «Đã kết thúc»: không thể ghi thêm bước nào."
    assert message_for(UserError("hotspot.policy_invalid", field="weights")) == (
        "Thiết lập điểm nóng \"weights\" không hợp lệ.")
    assert message("check.too_new", {"revision": None}) == (
        "Cơ sở dữ liệu mới hơn phần mềm này (lược đồ -).")


def test_english_is_the_msgid():
    set_language("en")
    assert message_for(UserError("citizen.name_required")) == "Enter the citizen's full name."
    assert message_for(UserError("case.terminal", stage="closed")) == (
        "The case is Closed: nothing more can be recorded on it.")


def test_unknown_codes_and_missing_parameters_still_read_well():
    assert message_for(UserError("visit.something_new")) == (
        "Giá trị này không hợp lệ (mã lỗi visit.something_new).")
    assert message_for(UserError("id.new_rule")) == "Số giấy tờ không hợp lệ (mã lỗi id.new_rule)."
    assert message_for(UserError("text.too_long")) == (
        "Quá dài: tối đa {max} ký tự (hiện có {actual}).")


@pytest.mark.parametrize(("listed", "lines"), [(10, 12), (None, 13)])
def test_import_errors_are_listed_line_by_line(listed, lines):
    errors = [{"line": n, "code": "import.bad_value", "key": "seq"} for n in range(1, 13)]
    text = message_for(UserError("import.invalid", errors=errors), listed=listed).split("\n")
    assert text[0] == "Không nhập được tệp; dữ liệu chưa bị thay đổi."
    assert text[1] == "Dòng 1: giá trị của “seq” không hợp lệ."
    assert len(text) == lines
    assert text[-1] == ("…và 2 lỗi khác." if listed else "Dòng 12: giá trị của “seq” không hợp lệ.")


def test_check_findings_name_the_record_and_the_audit_row_they_concern():
    set_language("en")
    assert message("check.record_altered", {"entity": "visit", "id": 1057, "stt": "12/2026"}) \
        .startswith("Visit 12/2026 (id 1057) no longer matches its last audited state")
    assert message("check.record_missing", {"entity": "citizen", "id": 8}).startswith(
        "Citizen record 8 is in the audit trail")
    assert message("check.audit_row_altered", {"id": 2001, "entity": "case", "entity_id": 9}) \
        .startswith("Audit row 2001 (about Case id 9) does not match")
    assert message("check.more", {"code": "check.record_altered", "count": 3}) == \
        "…and 3 more of the same kind (check.record_altered)."
    set_language("vi")
    assert "12/2026" in message("check.record_altered",
                                {"entity": "visit", "id": 57, "stt": "12/2026"})
