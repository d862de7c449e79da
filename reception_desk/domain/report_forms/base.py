"""What every statutory report form is made of: the forms, what a column counts (``Measure``)
and 01/TCD's three groups of reception. Pure."""

from __future__ import annotations

from enum import StrEnum


class ReportForm(StrEnum):
    TCD_01 = "01/TCD"  # Tổng hợp kết quả tiếp công dân
    XLD_01 = "01/XLD"  # Tổng hợp kết quả xử lý đơn
    XLD_02 = "02/XLD"  # Tổng hợp kết quả xử lý đơn khiếu nại
    XLD_03 = "03/XLD"  # Tổng hợp kết quả xử lý đơn tố cáo
    XLD_04 = "04/XLD"  # Tổng hợp kết quả xử lý đơn kiến nghị, phản ánh
    KQGQ_01 = "01/KQGQ"  # Tổng hợp kết quả giải quyết khiếu nại thuộc thẩm quyền


class Measure(StrEnum):
    """What a column counts."""

    VISITS = "visits"  # lượt tiếp
    PEOPLE = "people"  # người được tiếp (people_count of each visit)
    MATTERS = "matters"  # vụ việc (distinct matters)
    SESSIONS = "sessions"  # kỳ tiếp (held sessions, and visit days outside any session)
    DELEGATIONS = "delegations"  # đoàn đông người (crowd visits)
    PETITIONS = "petitions"  # đơn (case files)
    PETITION_MATTERS = "petition_matters"  # vụ việc of petitions (first case of each chain)
    SUM = "sum"  # the sum of other columns (the form's own formula)
    NOT_RECORDED = "not_recorded"  # the app does not store this fact
    NOTE = "note"  # ghi chú


class ReceptionGroup(StrEnum):
    """01/TCD's three groups of columns."""

    REGULAR = "regular"  # tiếp thường xuyên
    HEAD = "head"  # thủ trưởng tiếp (định kỳ, đột xuất)
    DELEGATED = "delegated"  # ủy quyền tiếp
